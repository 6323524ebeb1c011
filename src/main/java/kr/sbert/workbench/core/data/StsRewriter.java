package kr.sbert.workbench.core.data;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.io.UserFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Saves pairs in the layout of the file they were read from ({@link StsSource}): same format,
 * encoding (and BOM), line ends, header and columns. A row whose sentences and gold are as read
 * is written back exactly as it was in the file; an edited row keeps its other columns (KorSTS
 * genre/filename/year/id, KLUE guid/source/annotations, extra CSV/TSV/JSONL columns, its
 * other labels) with only the sentences and gold replaced; a new row fills the sentence and
 * gold columns and leaves the others empty. New gold is spelled with as many decimals as the
 * file's (KorSTS {@code 4.200}). A CSV/TSV without a score column gets one at the end when a
 * row has gold, so no gold is lost. Rows read as skipped are not in the table, so not written.
 *
 * <p>The file is written atomically and never over a read-only file ({@link UserFiles}).
 */
public final class StsRewriter {

    /**
     * A row to save.
     *
     * @param pair   its sentences and gold now
     * @param origin the index of the record it was read as in the source, or -1 for a new row
     */
    public record Row(SentencePair pair, int origin) {
    }

    private final StsSource source;
    private final Path target;
    private final Gson compact = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    // CSV/TSV header: the columns of sentence 1, sentence 2 and gold (-1: none), the header width.
    private int c1;
    private int c2;
    private int cs;
    private int width;
    private boolean addScoreColumn;

    private StsRewriter(StsSource source, Path target) {
        this.source = source;
        this.target = target;
    }

    /** Whether {@code target}'s name fits the source's format, so saving there keeps its layout. */
    public static boolean fits(StsSource source, Path target) {
        String name = target.getFileName() == null ? "" : target.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return switch (source.format()) {
            case KORSTS_TSV, TSV -> name.endsWith(".tsv") || name.endsWith(".txt");
            case CSV -> name.endsWith(".csv");
            case KLUE_JSON -> name.endsWith(".json");
            case JSONL -> name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json");
        };
    }

    /**
     * Writes {@code rows} to {@code target} in {@code source}'s layout.
     *
     * @throws InvalidInputException naming the row when one cannot be stored in that layout (a tab
     *                               in a TSV sentence, a KorSTS row without gold, a character the
     *                               encoding lacks), or the target when it may not be written
     */
    public static void write(Path target, StsSource source, List<Row> rows) throws InvalidInputException {
        new StsRewriter(source, target).save(rows);
    }

    private void save(List<Row> rows) throws InvalidInputException {
        String why = UserFiles.whyNotWritable(target);
        if (why != null) {
            throw new InvalidInputException(target + ": " + why + ": not written (save under a new name)");
        }
        boolean delimited = source.format() == StsFormat.CSV || source.format() == StsFormat.TSV;
        if (delimited) {
            readHeader();
            addScoreColumn = cs < 0 && rows.stream().anyMatch(r -> r.pair().hasGold());
        }
        CharsetEncoder encoder = source.encoding().charset().newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        StringBuilder out = new StringBuilder();
        if (source.encoding().bom()) {
            out.append('\uFEFF');
        }
        String head = source.head();
        if (addScoreColumn) {
            head = withScoreHeader(head);
        }
        out.append(head);
        String separator = source.separator();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (i > 0) {
                out.append(separator);
            }
            boolean untouched = row.origin() >= 0 && row.origin() < source.size() && source.hasRaw(row.origin())
                    && same(row.pair(), source.original(row.origin()));
            String text = untouched ? source.raw(row.origin()) : render(row, i + 1);
            if (!untouched && !encoder.canEncode(text)) {
                throw new InvalidInputException(target + ": row " + (i + 1) + " holds a character " + source.encoding()
                        + " cannot store; save it as a new .tsv/.csv file (UTF-8)");
            }
            if (untouched && addScoreColumn) {
                text = text + delimiter();
            }
            out.append(text);
        }
        if (!rows.isEmpty() || source.format() == StsFormat.KLUE_JSON) {
            out.append(rows.isEmpty() ? source.tail().stripLeading() : source.tail());
        }
        byte[] bytes;
        try {
            ByteBuffer b = encoder.reset().encode(CharBuffer.wrap(out));
            bytes = Arrays.copyOfRange(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit());
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(target + ": cannot be written in " + source.encoding()
                    + "; save it as a new .tsv/.csv file (UTF-8)", e);
        }
        try {
            UserFiles.writeAtomically(target, bytes);
        } catch (UserFiles.NotWritableException e) {
            throw new InvalidInputException(target + ": " + e.getMessage() + " (save under a new name)", e);
        } catch (IOException e) {
            throw new InvalidInputException(target + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private static boolean same(SentencePair now, SentencePair read) {
        return now.sentence1().equals(read.sentence1()) && now.sentence2().equals(read.sentence2())
                && Objects.equals(now.gold(), read.gold());
    }

    private char delimiter() {
        return source.format() == StsFormat.CSV ? ',' : '\t';
    }

    private CSVFormat csvFormat() {
        CSVFormat.Builder b = CSVFormat.RFC4180.builder().setDelimiter(delimiter()).setRecordSeparator("");
        if (source.format() == StsFormat.TSV) {
            b.setQuote(null);
        }
        return b.get();
    }

    private List<String> cells(String record) throws InvalidInputException {
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(record)).setFormat(csvFormat()).get()) {
            List<CSVRecord> all = p.getRecords();
            return all.isEmpty() ? new ArrayList<>() : new ArrayList<>(all.get(0).toList());
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(target + ": the header of " + source.file() + " cannot be read again", e);
        }
    }

    private void readHeader() throws InvalidInputException {
        List<String> header = cells(source.head().strip());
        c1 = ColumnAliases.find(header, ColumnAliases.SENTENCE1);
        c2 = ColumnAliases.find(header, ColumnAliases.SENTENCE2);
        cs = ColumnAliases.find(header, ColumnAliases.SCORE);
        width = header.size();
        if (c1 < 0 || c2 < 0) {
            throw new InvalidInputException(target + ": the header of " + source.file() + " names no sentence columns");
        }
    }

    // "sentence1,sentence2\n" -> "sentence1,sentence2,score\n": the header line is the head's last.
    private String withScoreHeader(String head) {
        int end = head.length();
        while (end > 0 && (head.charAt(end - 1) == '\n' || head.charAt(end - 1) == '\r')) {
            end--;
        }
        return head.substring(0, end) + delimiter() + "score" + head.substring(end);
    }

    private String render(Row row, int number) throws InvalidInputException {
        SentencePair p = row.pair();
        boolean known = row.origin() >= 0 && row.origin() < source.size() && source.hasRaw(row.origin());
        String raw = known ? source.raw(row.origin()) : null;
        // A new row, or one whose gold was edited, gets the gold written; otherwise the file's spelling stays.
        boolean goldChanged = !known || !Objects.equals(p.gold(), source.original(row.origin()).gold());
        return switch (source.format()) {
            case KORSTS_TSV -> korsts(p, raw, goldChanged, number);
            case CSV, TSV -> delimited(p, raw, goldChanged, number);
            case JSONL -> compact.toJson(json(p, raw, goldChanged));
            case KLUE_JSON -> pretty(json(p, raw, goldChanged), raw);
        };
    }

    private String korsts(SentencePair p, String raw, boolean goldChanged, int number) throws InvalidInputException {
        if (!p.hasGold()) {
            throw new InvalidInputException(target + ": row " + number + " has no gold score, which every KorSTS row"
                    + " needs; give it one, or save it as a new .csv file");
        }
        noTabOrBreak(p, number);
        String[] cells = raw == null ? new String[7] : raw.split("\t", -1);
        if (cells.length != 7) {
            cells = new String[7];
        }
        for (int c = 0; c < 7; c++) {
            if (cells[c] == null) {
                cells[c] = "";
            }
        }
        if (goldChanged) {
            cells[4] = spellGold(p.gold(), source.goldExample() == null ? "0.000" : source.goldExample());
        }
        cells[5] = p.sentence1();
        cells[6] = p.sentence2();
        return String.join("\t", cells);
    }

    private String delimited(SentencePair p, String raw, boolean goldChanged, int number) throws InvalidInputException {
        if (source.format() == StsFormat.TSV) {
            noTabOrBreak(p, number);
        }
        List<String> cells = raw == null ? new ArrayList<>() : cells(raw);
        while (cells.size() < width) {
            cells.add("");
        }
        cells.set(c1, p.sentence1());
        cells.set(c2, p.sentence2());
        String gold = p.hasGold() ? spellGold(p.gold(), source.goldExample()) : "";
        if (cs >= 0) {
            if (goldChanged) {
                cells.set(cs, gold);
            }
        } else if (addScoreColumn) {
            cells.add(gold);
        }
        if (source.format() == StsFormat.TSV) {
            return String.join("\t", cells);
        }
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(sb, csvFormat())) {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
    }

    private JsonObject json(SentencePair p, String raw, boolean goldChanged) {
        JsonObject o;
        if (raw != null) {
            o = JsonParser.parseString(raw).getAsJsonObject();
        } else {
            o = new JsonObject();
            if (source.format() == StsFormat.KLUE_JSON) {
                o.addProperty("guid", "");
                o.addProperty("source", "");
            }
        }
        String k1 = ColumnAliases.findKey(o.asMap(), ColumnAliases.SENTENCE1).orElse("sentence1");
        String k2 = ColumnAliases.findKey(o.asMap(), ColumnAliases.SENTENCE2).orElse("sentence2");
        o.addProperty(k1, p.sentence1());
        o.addProperty(k2, p.sentence2());
        if (!goldChanged) {
            return o;
        }
        boolean labels = o.has("labels") && o.get("labels").isJsonObject()
                || raw == null && source.format() == StsFormat.KLUE_JSON;
        if (labels) {
            JsonObject l = o.has("labels") && o.get("labels").isJsonObject() ? o.getAsJsonObject("labels") : new JsonObject();
            o.add("labels", l);
            GoldField field = source.goldField();
            if (!p.hasGold()) {
                l.remove(field.jsonKey());
                return o;
            }
            l.add(field.jsonKey(), number(p.gold(), source.goldExample()));
            if (field != GoldField.BINARY_LABEL) {
                if (raw == null) {
                    // A new KLUE row: both 0–5 labels from the one gold given.
                    GoldField other = field == GoldField.LABEL ? GoldField.REAL_LABEL : GoldField.LABEL;
                    l.add(other.jsonKey(), number(p.gold(), source.goldExample()));
                }
                if (raw == null || l.has(GoldField.BINARY_LABEL.jsonKey())) {
                    // KLUE: binary-label is 1 when the score is at least 3.0.
                    l.addProperty(GoldField.BINARY_LABEL.jsonKey(), p.gold() >= 3.0 ? 1 : 0);
                }
            }
        } else {
            String ks = ColumnAliases.findKey(o.asMap(), ColumnAliases.SCORE).orElse("score");
            if (p.hasGold()) {
                o.add(ks, number(p.gold(), source.goldExample()));
            } else if (o.has(ks)) {
                o.add(ks, com.google.gson.JsonNull.INSTANCE);
            }
        }
        return o;
    }

    private static JsonPrimitive number(double gold, String example) {
        return new JsonPrimitive(new BigDecimal(spellGold(gold, example)));
    }

    // An edited element of a KLUE array, indented as the file indents its elements.
    private String pretty(JsonElement e, String raw) {
        String sample = raw != null ? raw : source.size() > 0 && source.hasRaw(0) ? source.raw(0) : null;
        String separator = source.separator();
        String base = separator.contains("\n") ? separator.substring(separator.lastIndexOf('\n') + 1) : "";
        if (sample == null || sample.indexOf('\n') < 0) {
            return compact.toJson(e);
        }
        int nl = sample.indexOf('\n');
        int k = nl + 1;
        while (k < sample.length() && (sample.charAt(k) == ' ' || sample.charAt(k) == '\t')) {
            k++;
        }
        String inner = sample.substring(nl + 1, k);
        String unit = inner.startsWith(base) && inner.length() > base.length() ? inner.substring(base.length()) : "    ";
        StringWriter sw = new StringWriter();
        try (JsonWriter w = new JsonWriter(sw)) {
            w.setIndent(unit);
            w.setHtmlSafe(false);
            w.setSerializeNulls(true);
            compact.toJson(e, w);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        String lineEnd = sample.contains("\r\n") ? "\r\n" : "\n";
        return sw.toString().replace("\n", lineEnd + base);
    }

    private void noTabOrBreak(SentencePair p, int number) throws InvalidInputException {
        if (hasTabOrBreak(p.sentence1()) || hasTabOrBreak(p.sentence2())) {
            throw new InvalidInputException(target + ": row " + number + " holds a tab or line break, which "
                    + source.format().cliName().toUpperCase(java.util.Locale.ROOT)
                    + " cannot store (quoting is off); save it as a new .csv file");
        }
    }

    private static boolean hasTabOrBreak(String s) {
        return s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    }

    /**
     * A gold value with at least as many decimals as {@code example} has ({@code 4.2} as
     * {@code 4.200} beside {@code 5.000}), never fewer than it needs to read back the same.
     */
    static String spellGold(double gold, String example) {
        int decimals = 1;
        if (example != null && !example.contains("e") && !example.contains("E")) {
            int dot = example.indexOf('.');
            decimals = dot < 0 ? 0 : example.length() - dot - 1;
        }
        BigDecimal v = BigDecimal.valueOf(gold).stripTrailingZeros();
        if (v.scale() < decimals) {
            v = v.setScale(decimals);
        }
        if (v.scale() < 0) {
            v = v.setScale(0);
        }
        return v.toPlainString();
    }
}
