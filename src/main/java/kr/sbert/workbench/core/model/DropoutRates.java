package kr.sbert.workbench.core.model;

import com.google.gson.JsonObject;
import java.nio.file.Path;

/**
 * The dropout rates of a HF BERT {@code config.json}, used only while training.
 *
 * @param hidden    {@code hidden_dropout_prob} (HF's default 0.1)
 * @param attention {@code attention_probs_dropout_prob} (HF's default 0.1)
 */
public record DropoutRates(double hidden, double attention) {
    /** No dropout: inference. */
    public static final DropoutRates NONE = new DropoutRates(0, 0);

    public DropoutRates {
        check("hidden_dropout_prob", hidden);
        check("attention_probs_dropout_prob", attention);
    }

    private static void check(String key, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1), got " + rate);
        }
    }

    /** Reads the two rates from {@code config.json}; one line naming the file when a rate is unusable. */
    public static DropoutRates read(Path configFile) throws MalformedModelException {
        JsonObject o = JsonFiles.readObject(configFile);
        double hidden = JsonFiles.doubleField(o, "hidden_dropout_prob", 0.1, configFile);
        double attention = JsonFiles.doubleField(o, "attention_probs_dropout_prob", 0.1, configFile);
        try {
            return new DropoutRates(hidden, attention);
        } catch (IllegalArgumentException e) {
            throw new MalformedModelException(configFile + ": " + e.getMessage());
        }
    }
}
