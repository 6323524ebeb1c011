package kr.sbert.workbench.core.model.weights;

import java.nio.ByteBuffer;

/**
 * One tensor as read from a weight file, before it becomes an {@code NDArray}.
 *
 * @param name  the checkpoint's name, e.g. {@code encoder.layer.0.attention.self.query.weight}
 * @param dtype element type
 * @param shape dimensions (empty for a scalar)
 * @param data  the elements, contiguous in row-major order, little-endian, position 0,
 *              limit = numel × dtype size; may be a read-only memory-mapped slice
 */
public record RawTensor(String name, TensorDType dtype, long[] shape, ByteBuffer data) {

    public long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
