package kr.sbert.workbench.core.eval;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;

/**
 * Baseline {@code baseline:jaccard}: |A ∩ B| / |A ∪ B| of the two sentences' word sets.
 * Words: the sentence is NFC-normalised and lower-cased, split on whitespace, and each piece
 * loses the punctuation and symbols at its ends (so {@code 있다.} and {@code 있다} are one word);
 * pieces left empty are dropped. A sentence without words scores 0. Progress is in pairs.
 */
public final class JaccardScorer implements PairScorer {
    public static final String NAME = "baseline:jaccard";
    private static final int PROGRESS_EVERY = 512;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double[] score(List<SentencePair> pairs, ProgressListener progress, CancelToken cancel)
            throws CancelledException {
        double[] out = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            out[i] = jaccard(words(pairs.get(i).sentence1()), words(pairs.get(i).sentence2()));
            if ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == pairs.size()) {
                cancel.throwIfCancelled();
                progress.update(NAME, i + 1, pairs.size());
            }
        }
        return out;
    }

    /** The word set of a sentence (see the class comment). */
    public static Set<String> words(String sentence) {
        String t = Normalizer.normalize(sentence, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        Set<String> out = new HashSet<>();
        for (String piece : t.split("\\s+")) {
            int start = 0;
            int end = piece.length();
            while (start < end && !Character.isLetterOrDigit(piece.codePointAt(start))) {
                start += Character.charCount(piece.codePointAt(start));
            }
            while (end > start && !Character.isLetterOrDigit(piece.codePointBefore(end))) {
                end -= Character.charCount(piece.codePointBefore(end));
            }
            if (start < end) {
                out.add(piece.substring(start, end));
            }
        }
        return out;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0.0;
        }
        int common = 0;
        for (String w : a) {
            common += b.contains(w) ? 1 : 0;
        }
        return (double) common / (a.size() + b.size() - common);
    }
}
