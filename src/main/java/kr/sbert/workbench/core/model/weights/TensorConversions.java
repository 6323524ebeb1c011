package kr.sbert.workbench.core.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import kr.sbert.workbench.core.model.MalformedModelException;

/**
 * Floating-point tensors as float32: F32 as is, F16 by exact IEEE 754 half → single
 * conversion, BF16 as the high 16 bits of a float32, F64 rounded. Integer and boolean tensors
 * are refused where floats are needed.
 */
public final class TensorConversions {

    private TensorConversions() {
    }

    /** The tensor's elements as floats, in row-major order. */
    public static float[] toFloats(RawTensor tensor) throws MalformedModelException {
        long numel = tensor.numel();
        if (numel > Integer.MAX_VALUE - 8) {
            throw new MalformedModelException("tensor '" + tensor.name() + "': " + numel + " elements do not fit a float[]");
        }
        float[] out = new float[(int) numel];
        ByteBuffer data = tensor.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        requireBytes(tensor, data);
        switch (tensor.dtype()) {
            case F32 -> data.asFloatBuffer().get(0, out);
            case F16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = halfToFloat(data.getShort(2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = bfloat16ToFloat(data.getShort(2 * i));
                }
            }
            case F64 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) data.getDouble(8 * i);
                }
            }
            default -> throw notFloat(tensor);
        }
        return out;
    }

    /**
     * The tensor as float32 little-endian bytes (position 0): the tensor's own buffer when it is
     * already F32, else a new direct buffer.
     */
    public static ByteBuffer toFloat32Buffer(RawTensor tensor) throws MalformedModelException {
        if (tensor.dtype() == TensorDType.F32) {
            ByteBuffer data = tensor.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
            requireBytes(tensor, data);
            return data.position(0);
        }
        float[] floats = toFloats(tensor);
        ByteBuffer out = ByteBuffer.allocateDirect(floats.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        out.asFloatBuffer().put(floats);
        return out;
    }

    /** Exact IEEE 754 binary16 → binary32, subnormals, infinities and NaN payloads included. */
    public static float halfToFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) { // infinity or NaN
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // zero or subnormal: mantissa × 2^-24, exact in float32
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    /** bfloat16 is the high half of a float32. */
    public static float bfloat16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    private static void requireBytes(RawTensor tensor, ByteBuffer data) throws MalformedModelException {
        long need = tensor.numel() * tensor.dtype().byteSize();
        if (data.limit() < need) {
            throw new MalformedModelException("tensor '" + tensor.name() + "': holds " + data.limit()
                    + " bytes, its shape needs " + need);
        }
    }

    private static MalformedModelException notFloat(RawTensor tensor) {
        return new MalformedModelException("tensor '" + tensor.name() + "' has dtype " + tensor.dtype()
                + " where floating-point weights are needed");
    }
}
