package kr.sbert.workbench.core.eval;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;

/**
 * Baseline {@code baseline:char-ngram}: cosine of character n-gram TF-IDF vectors.
 *
 * <p>Features of a sentence (after NFC normalisation and lower-casing):
 * <ul>
 *   <li>each <em>Hangul run</em> — a maximal sequence of Hangul syllables (U+AC00–U+D7A3) — is
 *       padded with {@code ^} at both ends and contributes all its 2- and 3-character
 *       substrings; so n-grams never cross a space or punctuation, and a one-syllable word
 *       such as 안 or 못 still yields {@code ^안}, {@code 안^}, {@code ^안^};</li>
 *   <li>each maximal run of other letters or digits (Latin words, numbers, jamo such as ㅋㅋ)
 *       is one whole-token feature, so "3시" and "5시" differ by {@code 3} vs {@code 5};</li>
 *   <li>spaces, punctuation and symbols only separate runs; they are not features.</li>
 * </ul>
 * Weights are term counts times a smoothed IDF, {@code ln((1+N)/(1+df)) + 1} (scikit-learn's
 * default), where N and df are counted over the <em>distinct sentences of the pairs being
 * scored</em>: the IDF is fitted on the very data it scores (transductively; it sees no gold).
 * Vectors are L2-normalised; the score is their cosine, in [0, 1]; 0 when a sentence has no
 * feature. Progress is reported in pairs.
 */
public final class CharNgramTfidfScorer implements PairScorer {
    public static final String NAME = "baseline:char-ngram";
    private static final int PROGRESS_EVERY = 512;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double[] score(List<SentencePair> pairs, ProgressListener progress, CancelToken cancel)
            throws CancelledException {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (SentencePair p : pairs) {
            counts.computeIfAbsent(p.sentence1(), CharNgramTfidfScorer::features);
            counts.computeIfAbsent(p.sentence2(), CharNgramTfidfScorer::features);
        }
        cancel.throwIfCancelled();
        Map<String, Integer> df = new HashMap<>();
        for (Map<String, Integer> c : counts.values()) {
            c.keySet().forEach(f -> df.merge(f, 1, Integer::sum));
        }
        int n = counts.size();
        Map<String, Map<String, Double>> vectors = new HashMap<>();
        counts.forEach((sentence, c) -> vectors.put(sentence, tfidf(c, df, n)));
        double[] out = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            out[i] = dot(vectors.get(pairs.get(i).sentence1()), vectors.get(pairs.get(i).sentence2()));
            if ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == pairs.size()) {
                cancel.throwIfCancelled();
                progress.update(NAME, i + 1, pairs.size());
            }
        }
        return out;
    }

    /** The feature counts of one sentence (see the class comment). */
    public static Map<String, Integer> features(String sentence) {
        String t = Normalizer.normalize(sentence, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        Map<String, Integer> f = new LinkedHashMap<>();
        int i = 0;
        while (i < t.length()) {
            int cp = t.codePointAt(i);
            if (isHangulSyllable(cp)) {
                int j = i;
                while (j < t.length() && isHangulSyllable(t.charAt(j))) {
                    j++;
                }
                String padded = "^" + t.substring(i, j) + "^";
                for (int len = 2; len <= 3; len++) {
                    for (int k = 0; k + len <= padded.length(); k++) {
                        f.merge(padded.substring(k, k + len), 1, Integer::sum);
                    }
                }
                i = j;
            } else if (Character.isLetterOrDigit(cp)) {
                int j = i;
                while (j < t.length()) {
                    int c = t.codePointAt(j);
                    if (!Character.isLetterOrDigit(c) || isHangulSyllable(c)) {
                        break;
                    }
                    j += Character.charCount(c);
                }
                f.merge(t.substring(i, j), 1, Integer::sum);
                i = j;
            } else {
                i += Character.charCount(cp);
            }
        }
        return f;
    }

    static boolean isHangulSyllable(int cp) {
        return cp >= 0xAC00 && cp <= 0xD7A3;
    }

    private static Map<String, Double> tfidf(Map<String, Integer> counts, Map<String, Integer> df, int n) {
        Map<String, Double> v = new HashMap<>();
        double norm = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            double w = e.getValue() * (Math.log((1.0 + n) / (1.0 + df.get(e.getKey()))) + 1.0);
            v.put(e.getKey(), w);
            norm += w * w;
        }
        double len = Math.sqrt(norm);
        v.replaceAll((k, w) -> w / len);
        return v;
    }

    private static double dot(Map<String, Double> a, Map<String, Double> b) {
        if (a.size() > b.size()) {
            Map<String, Double> t = a;
            a = b;
            b = t;
        }
        double s = 0;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            Double w = b.get(e.getKey());
            if (w != null) {
                s += e.getValue() * w;
            }
        }
        return s;
    }
}
