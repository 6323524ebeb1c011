package kr.sbert.workbench.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubCacheTest {
    static final String C1 = "1111111111222222222233333333334444444444";
    static final String C2 = "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd";

    @TempDir
    Path tmp;

    @Test
    void nestedSnapshotFilesLinkWithOneMoreDotDotPerLevel() throws Exception {
        HubCache cache = new HubCache(tmp);
        Path blob = cache.blobPath("o/n", "abc123");
        Files.createDirectories(blob.getParent());
        Files.writeString(blob, "{}");
        Path link = cache.link("o/n", C1, "a/b/c.json", "abc123");
        assertThat(Files.readSymbolicLink(link).toString()).isEqualTo("../../../../blobs/abc123");
        assertThat(Files.readString(link)).isEqualTo("{}");
        // linking again replaces the link in place
        assertThat(cache.link("o/n", C1, "a/b/c.json", "abc123")).isEqualTo(link);
    }

    @Test
    void refsAndSnapshotsAreListedWithSizeOnDiskAndRemoved() throws Exception {
        HubCache cache = new HubCache(tmp);
        Path blob = cache.blobPath("o/n", "abc123");
        Files.createDirectories(blob.getParent());
        Files.write(blob, new byte[1234]);
        cache.link("o/n", C1, "model.safetensors", "abc123");
        cache.link("o/n", C2, "model.safetensors", "abc123");
        cache.writeRef("o/n", "main", C1);
        cache.writeRef("o/n", "refs/pr/1", C2);
        cache.writeRef("o/n", C2, C2); // a commit needs no ref
        Files.createDirectories(tmp.resolve("models--x--y"));

        assertThat(cache.list()).extracting(CachedRepo::repoId).containsExactly("o/n", "x/y");
        CachedRepo repo = cache.find("o/n").orElseThrow();
        assertThat(repo.refs()).containsEntry("main", C1).containsEntry("refs/pr/1", C2).hasSize(2);
        assertThat(repo.snapshots()).containsExactly(C1, C2);
        assertThat(repo.sizeOnDisk()).isEqualTo(1234 + 40 + 40); // blob once; links are not counted; two refs
        assertThat(cache.snapshotFor("o/n", "refs/pr/1")).contains(cache.snapshotFolder("o/n", C2));

        assertThat(cache.remove("o/n")).isPresent();
        assertThat(tmp.resolve("models--o--n")).doesNotExist();
        assertThat(cache.remove("o/n")).isEmpty();
    }

    @Test
    void removeDeletesLinksWithoutFollowingThem() throws Exception {
        Path outside = Files.writeString(tmp.resolve("precious.txt"), "keep me");
        HubCache cache = new HubCache(tmp.resolve("cache"));
        Path snap = cache.snapshotFolder("o/n", C1);
        Files.createDirectories(snap);
        Files.createSymbolicLink(snap.resolve("evil"), outside);
        cache.remove("o/n");
        assertThat(outside).hasContent("keep me");
    }

    @Test
    void serverSuppliedNamesCannotEscapeTheCache() {
        HubCache cache = new HubCache(tmp);
        assertThatThrownBy(() -> cache.blobPath("o/n", "../../x")).isInstanceOf(HubException.class);
        assertThatThrownBy(() -> cache.snapshotFolder("o/n", "../x")).isInstanceOf(HubException.class);
        assertThatThrownBy(() -> cache.snapshotFile("o/n", C1, "../config.json")).isInstanceOf(HubException.class);
        assertThat(cache.readRef("o/n", "../../etc/passwd")).isEmpty();
    }

    @Test
    void diskFullIsSaidPlainly() {
        HubException e = BlobDownloader.diskError(tmp, new IOException("No space left on device"));
        assertThat(e.getMessage()).startsWith("disk full while writing").contains("HF_HUB_CACHE");
    }
}
