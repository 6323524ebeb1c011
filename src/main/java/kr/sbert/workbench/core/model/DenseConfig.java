package kr.sbert.workbench.core.model;

import com.google.gson.JsonObject;
import java.nio.file.Path;

/**
 * A sentence-transformers {@code Dense} module's {@code config.json}: a linear layer
 * ({@code linear.weight} [out, in], {@code linear.bias} [out]) and an activation, applied to the
 * pooled embedding.
 *
 * @param dir          the module's folder (config and weight file)
 * @param inFeatures   {@code in_features}
 * @param outFeatures  {@code out_features}
 * @param bias         {@code bias} (default true)
 * @param activation   {@code activation_function}
 */
public record DenseConfig(Path dir, int inFeatures, int outFeatures, boolean bias, Activation activation) {

    /** The activations sentence-transformers checkpoints use after a Dense layer. */
    public enum Activation {
        IDENTITY("torch.nn.modules.linear.Identity", "identity"),
        TANH("torch.nn.modules.activation.Tanh", "tanh"),
        RELU("torch.nn.modules.activation.ReLU", "relu"),
        SIGMOID("torch.nn.modules.activation.Sigmoid", "sigmoid");

        private final String torchName;
        private final String label;

        Activation(String torchName, String label) {
            this.torchName = torchName;
            this.label = label;
        }

        /** A short name for users. */
        public String label() {
            return label;
        }

        static Activation of(String name, Path file) throws MalformedModelException {
            for (Activation a : values()) {
                // sentence-transformers writes the full class path; older files may give the short one
                if (a.torchName.equals(name) || a.torchName.endsWith("." + name)) {
                    return a;
                }
            }
            throw new MalformedModelException(file + ": activation_function '" + kr.sbert.workbench.core.UserText.quote(name)
                    + "' is not supported (Identity, Tanh, ReLU, Sigmoid are)");
        }
    }

    /** Reads {@code dir/config.json}. */
    public static DenseConfig read(Path dir) throws MalformedModelException {
        Path file = dir.resolve("config.json");
        if (!ModelFiles.present(file)) {
            throw new MalformedModelException(file + ": missing (a Dense module needs its config.json)");
        }
        JsonObject o = JsonFiles.readObject(file);
        int in = JsonFiles.requiredInt(o, "in_features", file);
        int out = JsonFiles.requiredInt(o, "out_features", file);
        if (in == 0 || out == 0) {
            throw new MalformedModelException(file + ": in_features and out_features must be positive");
        }
        boolean bias = JsonFiles.boolField(o, "bias", true, file);
        String activation = JsonFiles.stringField(o, "activation_function", "torch.nn.modules.activation.Tanh");
        return new DenseConfig(dir, in, out, bias, Activation.of(activation, file));
    }

    /** How the module shows in a model's pipeline, e.g. {@code Dense 768→768 tanh}. */
    public String label() {
        return "Dense " + inFeatures + "→" + outFeatures + (activation == Activation.IDENTITY ? "" : " " + activation.label());
    }
}
