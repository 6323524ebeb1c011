package kr.sbert.workbench.core.model.weights;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Constants of the safetensors format shared by the reader and the writer. */
final class SafetensorsFormat {

    /** The reference implementation's limit on the JSON header (bytes). */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The reference writer pads the header with spaces to a multiple of this. */
    static final int HEADER_ALIGNMENT = 8;
    static final String METADATA_KEY = "__metadata__";

    private static final Map<String, TensorDType> BY_NAME = Map.of(
            "F32", TensorDType.F32, "F16", TensorDType.F16, "BF16", TensorDType.BF16,
            "F64", TensorDType.F64, "I64", TensorDType.I64, "I32", TensorDType.I32,
            "I16", TensorDType.I16, "I8", TensorDType.I8, "U8", TensorDType.U8,
            "BOOL", TensorDType.BOOL);

    /** The reference implementation's dtype declaration order, which rises with alignment. */
    private static final List<TensorDType> REFERENCE_ORDER = List.of(
            TensorDType.BOOL, TensorDType.U8, TensorDType.I8, TensorDType.I16, TensorDType.F16,
            TensorDType.BF16, TensorDType.I32, TensorDType.F32, TensorDType.F64, TensorDType.I64);

    private SafetensorsFormat() {
    }

    static Optional<TensorDType> dtypeOf(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    static int rank(TensorDType dtype) {
        return REFERENCE_ORDER.indexOf(dtype);
    }

    /** The dtype's spelling in a safetensors header (the enum names match it). */
    static String nameOf(TensorDType dtype) {
        return dtype.name();
    }
}
