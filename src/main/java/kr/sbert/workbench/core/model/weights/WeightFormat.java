package kr.sbert.workbench.core.model.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The weight file formats the workbench reads, told apart by their first bytes. */
public enum WeightFormat {
    /** {@code model.safetensors}: u64 header length, then a JSON object. */
    SAFETENSORS,
    /** {@code torch.save} since PyTorch 1.6: a zip archive. */
    TORCH_ZIP,
    /** {@code torch.save} before PyTorch 1.6: pickles after a magic number. */
    TORCH_LEGACY,
    /** Anything else. */
    UNKNOWN;

    /** The legacy magic number 0x1950a86a20f9469cfc6c pickled as protocol 2 LONG1 (10 bytes, little-endian). */
    static final byte[] LEGACY_PREFIX = {
        (byte) 0x80, 0x02, (byte) 0x8a, 0x0a,
        0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};

    /** Reads the first bytes of {@code file} and tells its format. */
    public static WeightFormat of(Path file) throws IOException {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return of(head, n);
    }

    static WeightFormat of(byte[] head, int n) {
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return TORCH_ZIP;
        }
        if (n >= LEGACY_PREFIX.length && java.util.Arrays.equals(head, 0, LEGACY_PREFIX.length,
                LEGACY_PREFIX, 0, LEGACY_PREFIX.length)) {
            return TORCH_LEGACY;
        }
        if (n >= 9 && head[8] == '{') {
            return SAFETENSORS;
        }
        return UNKNOWN;
    }
}
