package kr.sbert.workbench.core.model.weights;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a minimal torch.save zip around a given {@code data.pkl} (for tests outside this package). */
public final class TestCheckpoints {
    private TestCheckpoints() {
    }

    public static Path zip(Path file, byte[] pkl) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pkl);
        entries.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        TorchZipWriter.write(file, entries, false);
        return file;
    }
}
