package kr.sbert.workbench.core.eval;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.data.SentencePair;

/**
 * Which slice each pair belongs to, as one label per pair: by a column the reader kept (KorSTS
 * {@code genre}/{@code filename}, KLUE-STS {@code source}, any extra column of a generic file),
 * by gold band, by length band in tokens, with or without {@code [UNK]}. Labels sort in the
 * order a user reads them (bands low to high).
 */
public final class SliceKeys {
    /** Label of pairs that have no gold (gold bands) or no value in the column. */
    public static final String NONE = "(none)";
    public static final String WITH_UNKNOWN = "with [UNK]";
    public static final String WITHOUT_UNKNOWN = "without [UNK]";
    /** Upper ends of the length bands, in tokens as fed to the model (with [CLS]/[SEP]). */
    static final int[] LENGTH_BANDS = {16, 32, 64, 128};

    private SliceKeys() {
    }

    /**
     * The value of {@code column} per pair (case-insensitive name), {@link #NONE} where a row has none.
     *
     * @throws InvalidInputException when no pair has that column (naming the columns there are)
     */
    public static String[] byColumn(List<SentencePair> pairs, String column, String source) throws InvalidInputException {
        String[] keys = new String[pairs.size()];
        boolean found = false;
        Set<String> known = new LinkedHashSet<>();
        for (int i = 0; i < keys.length; i++) {
            keys[i] = NONE;
            for (var e : pairs.get(i).attributes().entrySet()) {
                known.add(e.getKey());
                if (e.getKey().equalsIgnoreCase(column)) {
                    keys[i] = e.getValue().isBlank() ? NONE : e.getValue();
                    found = true;
                }
            }
        }
        if (!found) {
            throw new InvalidInputException(source + ": no column '" + column + "' to slice by"
                    + (known.isEmpty() ? " (the file has no columns besides the sentences and the score)"
                    : " (columns: " + String.join(", ", known) + ")")
                    + "; built in: gold, length, unk");
        }
        return keys;
    }

    /** Gold bands 0–1, 1–2, 2–3, 3–4, 4–5 (each band holds its lower end; 5 is in 4–5). */
    public static String[] byGold(List<SentencePair> pairs) {
        String[] keys = new String[pairs.size()];
        for (int i = 0; i < keys.length; i++) {
            SentencePair p = pairs.get(i);
            if (!p.hasGold()) {
                keys[i] = NONE;
            } else {
                int low = (int) Math.min(4, Math.max(0, Math.floor(p.gold())));
                keys[i] = "gold " + low + "–" + (low + 1);
            }
        }
        return keys;
    }

    /**
     * Length bands of the longer sentence of each pair, in tokens as fed to the model.
     *
     * @param tokens per pair, the longer of its two sentences' token counts
     */
    public static String[] byLength(int[] tokens) {
        String[] keys = new String[tokens.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = lengthBand(tokens[i]);
        }
        return keys;
    }

    static String lengthBand(int tokens) {
        int low = 1;
        for (int high : LENGTH_BANDS) {
            if (tokens <= high) {
                return "tokens " + low + "–" + high;
            }
            low = high + 1;
        }
        return "tokens " + low + "+";
    }

    /**
     * Reading order of labels: numbers inside labels compare as numbers ({@code tokens 17–32}
     * before {@code tokens 129+}), otherwise as text; {@link #NONE} last.
     */
    public static int compare(String x, String y) {
        boolean nx = x.equals(NONE);
        boolean ny = y.equals(NONE);
        if (nx != ny) {
            return nx ? 1 : -1;
        }
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            char a = x.charAt(i);
            char b = y.charAt(j);
            if (Character.isDigit(a) && Character.isDigit(b)) {
                int ei = i;
                int ej = j;
                while (ei < x.length() && Character.isDigit(x.charAt(ei))) {
                    ei++;
                }
                while (ej < y.length() && Character.isDigit(y.charAt(ej))) {
                    ej++;
                }
                int c = new java.math.BigInteger(x.substring(i, ei)).compareTo(new java.math.BigInteger(y.substring(j, ej)));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (a != b) {
                    return Character.compare(a, b);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    /** Pairs where either sentence holds {@code [UNK]}, and the others. */
    public static String[] byUnknown(boolean[] hasUnknown) {
        String[] keys = new String[hasUnknown.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = hasUnknown[i] ? WITH_UNKNOWN : WITHOUT_UNKNOWN;
        }
        return keys;
    }
}
