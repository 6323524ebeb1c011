package kr.sbert.workbench.gui.train;

import java.util.Locale;
import kr.sbert.workbench.core.train.LossKind;
import kr.sbert.workbench.core.train.TrainSettings;

/**
 * The Train tab's settings as typed, turned into {@link TrainSettings} with one line naming the
 * field when a value is not a number (what was typed stays in the field).
 */
record TrainForm(LossKind loss, String epochs, String batchSize, String lr, String warmupRatio, String weightDecay,
                 String maxGradNorm, String evalSteps, boolean shuffle, String seed) {

    TrainSettings toSettings() {
        return new TrainSettings(loss, whole("epochs", epochs), whole("batch size", batchSize), number("learning rate", lr),
                -1, number("warmup ratio", warmupRatio), number("weight decay", weightDecay),
                number("max grad norm", maxGradNorm), whole("eval steps", evalSteps), shuffle, wholeLong("seed", seed),
                0);
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
            throw new IllegalArgumentException(field + ": '" + text.strip() + "' is not a whole number");
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
