package kr.sbert.workbench.core.train;

import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.data.GoldScale;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsDataset;

/** Turns loaded data sets into what training needs: labelled pairs, and dev pairs with gold. */
public final class TrainData {

    private TrainData() {
    }

    /**
     * Every pair with its gold divided by the data's scale (5 for 0–5 data, 1 for 0/1 data).
     *
     * @throws InvalidInputException naming the file and line of a pair without gold, or when the
     *                               gold is on neither scale
     */
    public static List<TrainPair> trainPairs(StsDataset data) throws InvalidInputException {
        double scale = scaleOf(data);
        List<TrainPair> pairs = new ArrayList<>();
        for (SentencePair p : data.pairs()) {
            if (!p.hasGold()) {
                throw new InvalidInputException(data.source() + ":" + p.line()
                        + ": the pair has no gold score, which training needs");
            }
            pairs.add(new TrainPair(p.sentence1(), p.sentence2(), p.gold() / scale));
        }
        if (pairs.isEmpty()) {
            throw new InvalidInputException(data.source() + ": holds no pairs to train on");
        }
        return pairs;
    }

    /** The pairs that carry gold (the others cannot be measured). */
    public static List<SentencePair> devPairs(StsDataset data) throws InvalidInputException {
        List<SentencePair> pairs = data.pairs().stream().filter(SentencePair::hasGold).toList();
        if (pairs.size() < 2) {
            throw new InvalidInputException(data.source() + ": a dev set needs at least two pairs with gold, it has "
                    + pairs.size());
        }
        return pairs;
    }

    /**
     * How many of {@code pairs} share a sentence (compared after stripping surrounding white
     * space) with some training pair: such dev or test pairs flatter a model that memorised them.
     */
    public static int sharingTrainingSentences(List<TrainPair> train, List<SentencePair> pairs) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (TrainPair p : train) {
            seen.add(p.sentence1().strip());
            seen.add(p.sentence2().strip());
        }
        int n = 0;
        for (SentencePair p : pairs) {
            if ((p.sentence1() != null && seen.contains(p.sentence1().strip()))
                    || (p.sentence2() != null && seen.contains(p.sentence2().strip()))) {
                n++;
            }
        }
        return n;
    }

    private static double scaleOf(StsDataset data) throws InvalidInputException {
        GoldScale scale = data.goldScale();
        return switch (scale) {
            case ZERO_TO_FIVE -> 5.0;
            case BINARY -> 1.0;
            case OTHER -> throw new InvalidInputException(data.source()
                    + ": gold is neither on the 0–5 nor on the 0/1 scale, so it cannot be scaled to 0–1");
        };
    }
}
