package kr.sbert.workbench.core.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import kr.sbert.workbench.core.model.MalformedModelException;
import org.junit.jupiter.api.Test;

class TensorConversionsTest {

    @Test
    void halfToFloatMatchesHandWorkedValues() {
        assertThat(TensorConversions.halfToFloat((short) 0x3C00)).isEqualTo(1.0f);
        assertThat(TensorConversions.halfToFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(TensorConversions.halfToFloat((short) 0x7BFF)).isEqualTo(65504.0f);
        assertThat(TensorConversions.halfToFloat((short) 0x0001)).isEqualTo((float) Math.pow(2, -24));
        assertThat(TensorConversions.halfToFloat((short) 0x03FF)).isEqualTo((float) (1023 * Math.pow(2, -24)));
        assertThat(TensorConversions.halfToFloat((short) 0x0400)).isEqualTo((float) Math.pow(2, -14));
        assertThat(TensorConversions.halfToFloat((short) 0x3555)).isEqualTo(0x1.554p-2f); // 0.333251953125
        assertThat(Float.floatToRawIntBits(TensorConversions.halfToFloat((short) 0x8000))).isEqualTo(0x80000000);
        assertThat(TensorConversions.halfToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(TensorConversions.halfToFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(TensorConversions.halfToFloat((short) 0x7E00)).isNaN();
    }

    @Test
    void halfToFloatAgreesWithTheDefiningFormulaForEveryFiniteBitPattern() {
        for (int h = 0; h < 0x10000; h++) {
            int exponent = (h >> 10) & 0x1F;
            int mantissa = h & 0x3FF;
            if (exponent == 0x1F) {
                continue; // infinities and NaN are checked above
            }
            double magnitude = exponent == 0 ? mantissa * Math.pow(2, -24)
                    : (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
            double expected = (h & 0x8000) != 0 ? -magnitude : magnitude;
            assertThat((double) TensorConversions.halfToFloat((short) h)).as("0x%04x", h).isEqualTo(expected);
        }
    }

    @Test
    void bfloat16IsTheHighHalfOfAFloat() {
        assertThat(TensorConversions.bfloat16ToFloat((short) 0x3F80)).isEqualTo(1.0f);
        assertThat(TensorConversions.bfloat16ToFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(TensorConversions.bfloat16ToFloat((short) 0x4049)).isEqualTo(3.140625f);
    }

    @Test
    void toFloatsConvertsF16AndBf16Tensors() throws Exception {
        assertThat(TensorConversions.toFloats(tensor(TensorDType.F16, 0x3C00, 0xC000, 0x7BFF, 0x0001)))
                .containsExactly(1f, -2f, 65504f, 0x1p-24f);
        assertThat(TensorConversions.toFloats(tensor(TensorDType.BF16, 0x3F80, 0xC000)))
                .containsExactly(1f, -2f);
    }

    @Test
    void toFloat32BufferReturnsLittleEndianFloats() throws Exception {
        ByteBuffer b = TensorConversions.toFloat32Buffer(tensor(TensorDType.F16, 0x3C00, 0xC000));

        assertThat(b.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.position()).isZero();
        assertThat(b.getFloat(0)).isEqualTo(1f);
        assertThat(b.getFloat(4)).isEqualTo(-2f);
    }

    @Test
    void refusesIntegerTensorsWhereFloatsAreNeeded() {
        RawTensor ids = new RawTensor("position_ids", TensorDType.I64, new long[] {1}, ByteBuffer.allocate(8));

        assertThatThrownBy(() -> TensorConversions.toFloats(ids))
                .isInstanceOf(MalformedModelException.class)
                .hasMessage("tensor 'position_ids' has dtype I64 where floating-point weights are needed");
    }

    private static RawTensor tensor(TensorDType dtype, int... halves) {
        ByteBuffer b = ByteBuffer.allocate(halves.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int h : halves) {
            b.putShort((short) h);
        }
        return new RawTensor("t", dtype, new long[] {halves.length}, b.flip());
    }
}
