package kr.sbert.workbench.core.model.weights;

/** Element types found in BERT checkpoints, with their size in bytes. */
public enum TensorDType {
    F32(4), F16(2), BF16(2), F64(8), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int byteSize;

    TensorDType(int byteSize) {
        this.byteSize = byteSize;
    }

    public int byteSize() {
        return byteSize;
    }
}
