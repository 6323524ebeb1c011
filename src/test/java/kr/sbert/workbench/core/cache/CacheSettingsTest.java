package kr.sbert.workbench.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the cache lives, how large it may grow, and the weight hashes it memoises. */
class CacheSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void folderComesFromPropertyThenEnvThenXdgThenHome() {
        Map<String, String> env = Map.of("KR_SBERT_WORKBENCH_CACHE", "/e", "XDG_CACHE_HOME", "/x");
        assertThat(CacheSettings.from(env, "/p", null, "/h").root()).isEqualTo(Path.of("/p"));
        assertThat(CacheSettings.from(env, null, null, "/h").root()).isEqualTo(Path.of("/e"));
        assertThat(CacheSettings.from(Map.of("XDG_CACHE_HOME", "/x"), null, null, "/h").root())
                .isEqualTo(Path.of("/x/kr-sbert-workbench"));
        assertThat(CacheSettings.from(Map.of(), null, null, "/h").root()).isEqualTo(Path.of("/h/.cache/kr-sbert-workbench"));
        assertThat(CacheSettings.from(Map.of(), null, null, "/h").maxDiskBytes()).isEqualTo(2L << 30);
    }

    @Test
    void sizesReadAsPowersOf1024AndBadOnesNameTheirSource() {
        assertThat(CacheSettings.from(Map.of("KR_SBERT_WORKBENCH_CACHE_SIZE", "500M"), null, null, "/h").maxDiskBytes())
                .isEqualTo(500L << 20);
        assertThat(CacheSettings.parseSize("4G", "x")).isEqualTo(4L << 30);
        assertThat(CacheSettings.parseSize("12 KiB", "x")).isEqualTo(12L << 10);
        assertThat(CacheSettings.parseSize("0", "x")).isZero();
        assertThatThrownBy(() -> CacheSettings.parseSize("lots", "KR_SBERT_WORKBENCH_CACHE_SIZE"))
                .hasMessage("KR_SBERT_WORKBENCH_CACHE_SIZE 'lots' is not a size (e.g. 500M or 4G)");
    }

    @Test
    void aHubSnapshotsWeightHashIsItsBlobNameAndOthersAreHashedOnceAndRemembered() throws Exception {
        String blob = "a".repeat(64);
        Path blobs = Files.createDirectories(tmp.resolve("models--o--n/blobs"));
        Files.write(blobs.resolve(blob), new byte[] {1, 2, 3});
        Path snapshot = Files.createDirectories(tmp.resolve("models--o--n/snapshots/abc"));
        Path link = Files.createSymbolicLink(snapshot.resolve("model.safetensors"),
                Path.of("../../blobs/" + blob));
        WeightDigests digests = new WeightDigests(tmp.resolve("memo"));
        assertThat(digests.digest(link)).isEqualTo("blob:" + blob);

        Path plain = Files.write(tmp.resolve("model.safetensors"), "abc".getBytes());
        // sha256("abc"), a published test vector (FIPS 180-2)
        String abc = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(digests.digest(plain)).isEqualTo(abc);
        try (var memo = Files.list(tmp.resolve("memo"))) {
            assertThat(memo).singleElement().satisfies(f -> assertThat(Files.readString(f)).endsWith(abc + "\n"));
        }
        assertThat(new WeightDigests(tmp.resolve("memo")).digest(plain)).isEqualTo(abc);
    }
}
