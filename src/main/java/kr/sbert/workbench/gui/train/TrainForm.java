package kr.sbert.workbench.gui.train;

import java.util.Locale;
import kr.sbert.workbench.core.train.LossKind;
import kr.sbert.workbench.core.train.TrainSettings;

/**
 * The Train tab's settings as typed, turned into {@link TrainSettings} with one line naming the
 * field when a value is not a number (what was typed stays in the field). *Eval every* may be
 * {@code auto}: often enough for {@value #AUTO_POINTS} evaluations after the untrained one.
 */
record TrainForm(LossKind loss, String epochs, String batchSize, String lr, String warmupRatio, String weightDecay,
                 String maxGradNorm, String evalSteps, boolean shuffle, String seed, String earlyStopping) {

    /** Evaluations an {@code auto} run gets after step 0 (at least). */
    static final int AUTO_POINTS = 10;
    static final String AUTO = "auto";

    /** The settings for a run on {@code trainPairs} pairs ({@code auto} resolved for that size). */
    TrainSettings toSettings(int trainPairs) {
        TrainSettings s = new TrainSettings(loss, whole("epochs", epochs), whole("batch size", batchSize),
                number("learning rate", lr), -1, number("warmup ratio", warmupRatio),
                number("weight decay", weightDecay), number("max grad norm", maxGradNorm),
                isAuto() ? 0 : whole("eval steps", evalSteps), shuffle, wholeLong("seed", seed), 0,
                earlyStopping == null || earlyStopping.isBlank() ? 0 : whole("early stopping", earlyStopping));
        if (!isAuto()) {
            return s;
        }
        int total = s.totalSteps(trainPairs);
        return new TrainSettings(s.loss(), s.epochs(), s.batchSize(), s.lr(), s.warmupSteps(), s.warmupRatio(),
                s.weightDecay(), s.maxGradNorm(), Math.max(1, total / AUTO_POINTS), s.shuffle(), s.seed(),
                s.maxSeqLength(), s.earlyStopping());
    }

    private boolean isAuto() {
        return evalSteps != null && evalSteps.strip().equalsIgnoreCase(AUTO);
    }

    private static int whole(String field, String text) {
        long v = wholeLong(field, text);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(field + ": '" + text.strip() + "' is too large");
        }
        return (int) v;
    }

    private static long wholeLong(String field, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text.strip() + "' is not a whole number"
                    + (field.equals("eval steps") ? " (or auto)" : ""));
        }
    }

    private static double number(String field, String text) {
        try {
            double v = Double.parseDouble(text.strip().toLowerCase(Locale.ROOT));
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text.strip() + "' is not a number");
        }
    }
}
