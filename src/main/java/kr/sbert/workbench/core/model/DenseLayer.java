package kr.sbert.workbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.nio.file.Path;
import java.util.Map;
import kr.sbert.workbench.core.model.weights.RawTensor;
import kr.sbert.workbench.core.model.weights.WeightFiles;

/**
 * A loaded sentence-transformers {@code Dense} module: {@code activation(linear(x))} on the pooled
 * embedding, with {@code linear.weight} [out, in] and {@code linear.bias} [out] from the module's
 * {@code model.safetensors} or {@code pytorch_model.bin}.
 */
final class DenseLayer {
    private final DenseConfig config;
    private final NDArray weight;
    private final NDArray bias;

    private DenseLayer(DenseConfig config, NDArray weight, NDArray bias) {
        this.config = config;
        this.weight = weight;
        this.bias = bias;
    }

    /** Reads the module's weights onto {@code manager} (float32, copied: the file may be closed after). */
    static DenseLayer load(DenseConfig config, NDManager manager) throws MalformedModelException {
        Path file = WeightFiles.choose(config.dir());
        Map<String, RawTensor> tensors = WeightFiles.read(file);
        NDArray w = BertWeights.tensor(tensors, "linear.weight", manager, file.toString(), true,
                config.outFeatures(), config.inFeatures());
        NDArray b = config.bias()
                ? BertWeights.tensor(tensors, "linear.bias", manager, file.toString(), true, config.outFeatures()) : null;
        return new DenseLayer(config, w, b);
    }

    /** The weight file a Dense module's folder holds (part of the model's identity). */
    static Path weightFile(DenseConfig config) throws MalformedModelException {
        return WeightFiles.choose(config.dir());
    }

    /** @param x [batch, in] → [batch, out] */
    NDArray apply(NDArray x) {
        NDArray y = Linear.linear(x, weight, bias).singletonOrThrow();
        return switch (config.activation()) {
            case IDENTITY -> y;
            case TANH -> y.tanh();
            case RELU -> Activation.relu(y);
            case SIGMOID -> Activation.sigmoid(y);
        };
    }
}
