package kr.sbert.workbench.core.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared reference data beside the project (tests only). */
final class SharedData {
    private SharedData() {
    }

    static Path file(String relative) {
        String dir = System.getProperty("shared.dir");
        assumeTrue(dir != null, "shared.dir is not set (run through Maven)");
        Path p = Path.of(dir).resolve(relative);
        assumeTrue(Files.isRegularFile(p), "missing shared data " + p);
        return p;
    }

    static Path korstsDev() {
        return file("data/korsts/sts-dev.tsv");
    }

    static Path klueDev() {
        return file("data/klue-sts/klue-sts-v1.1_dev.json");
    }
}
