package kr.sbert.workbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import kr.sbert.workbench.core.model.weights.RawTensor;
import kr.sbert.workbench.core.model.weights.TensorConversions;
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
        NDArray w = tensor(tensors, "linear.weight", file, manager, config.outFeatures(), config.inFeatures());
        NDArray b = config.bias() ? tensor(tensors, "linear.bias", file, manager, config.outFeatures()) : null;
        return new DenseLayer(config, w, b);
    }

    /** The weight file a Dense module's folder holds (part of the model's identity). */
    static Path weightFile(DenseConfig config) throws MalformedModelException {
        return WeightFiles.choose(config.dir());
    }

    private static NDArray tensor(Map<String, RawTensor> tensors, String name, Path file, NDManager manager,
                                  long... shape) throws MalformedModelException {
        RawTensor t = tensors.get(name);
        if (t == null) {
            throw new MalformedModelException(file + ": missing tensor '" + name + "' (expected shape "
                    + Arrays.toString(shape) + ")");
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new MalformedModelException(file + ": tensor '" + name + "' has shape " + Arrays.toString(t.shape())
                    + " but config.json implies " + Arrays.toString(shape));
        }
        NDArray array = switch (t.dtype()) {
            case F32 -> manager.create(t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN), new Shape(shape), DataType.FLOAT32);
            case F16, BF16, F64 -> manager.create(TensorConversions.toFloat32Buffer(t), new Shape(shape), DataType.FLOAT32);
            default -> throw new MalformedModelException(file + ": tensor '" + name + "' has dtype " + t.dtype()
                    + ", expected a floating-point type");
        };
        // owned by torch, not a view of the file's mapping
        NDArray copy = array.duplicate();
        array.close();
        return copy;
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

    DenseConfig config() {
        return config;
    }
}
