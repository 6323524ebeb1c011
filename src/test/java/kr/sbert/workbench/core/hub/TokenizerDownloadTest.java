package kr.sbert.workbench.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import kr.sbert.workbench.core.model.ModelTokenizer;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import kr.sbert.workbench.core.text.HfTextTokenizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokenizer-only fetches against the real loopback hub serving the tiny KR-SBERT fixture (which
 * holds both model.safetensors and pytorch_model.bin), and the shipped tokenizer read from a jar.
 */
class TokenizerDownloadTest {
    private static final String REPO = HubDownloadTest.REPO;
    private static final String COMMIT = HubDownloadTest.COMMIT;

    @TempDir
    Path tmp;
    private FakeHub hub;
    private Path cacheRoot;

    @BeforeEach
    void startHub() throws Exception {
        hub = new FakeHub();
        hub.serveFolder(REPO, COMMIT, HubDownloadTest.FIXTURE);
        cacheRoot = tmp.resolve("hub-cache");
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private ModelLocator locator(boolean offline) {
        HubSettings s = new HubSettings(cacheRoot, hub.endpoint(), Optional.empty(), offline);
        return new ModelLocator(s, new HubClient(s, HubDownloadTest.QUICK));
    }

    private static ModelRef ref() throws Exception {
        return ModelRef.parse(REPO);
    }

    private static boolean isWeight(String path) {
        return path.contains("model.safetensors") || path.contains("pytorch_model.bin") || path.startsWith("/lfs/");
    }

    @Test
    void tokenizerOnlyFetchRequestsNoWeightFileAndLaysOutTheSharedSnapshot() throws Exception {
        Path snapshot = locator(false).locateTokenizer(ref(), ProgressListener.NONE, CancelToken.NONE);

        assertThat(snapshot).isEqualTo(cacheRoot.resolve("models--org--tiny/snapshots/" + COMMIT));
        assertThat(hub.seen).isNotEmpty().noneMatch(s -> isWeight(s.path()));
        assertThat(hub.seenOn("cdn")).isEmpty();
        for (String name : List.of("modules.json", "config.json", "sentence_bert_config.json", "vocab.txt",
                "tokenizer_config.json", "special_tokens_map.json", "config_sentence_transformers.json",
                "1_Pooling/config.json")) {
            Path file = snapshot.resolve(name);
            assertThat(Files.isSymbolicLink(file)).as(name).isTrue();
            assertThat(Files.readAllBytes(file)).as(name).isEqualTo(HubDownloadTest.fixture(name));
        }
        assertThat(snapshot.resolve("model.safetensors")).doesNotExist();
        assertThat(snapshot.resolve("pytorch_model.bin")).doesNotExist();
        long blobBytes;
        try (Stream<Path> blobs = Files.list(cacheRoot.resolve("models--org--tiny/blobs"))) {
            blobBytes = blobs.mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(blobBytes).isLessThan(Files.size(HubDownloadTest.FIXTURE.resolve("model.safetensors")));
        assertThat(Files.readString(cacheRoot.resolve("models--org--tiny/refs/main"))).isEqualTo(COMMIT);
        // Enough for the tokenizer, not a model: the models panel still says "not downloaded".
        assertThat(locator(false).cached(ref())).isEmpty();
        assertThat(locator(false).localTokenizer(ref())).contains(snapshot);
        try (HfTextTokenizer alone = ModelTokenizer.load(snapshot, false);
             SentenceTransformerModel model = SentenceTransformerModel.load(HubDownloadTest.FIXTURE)) {
            String text = "안전모를 가진 한 남자가 춤을 추고 있다.";
            assertThat(alone.encode(text).inputIds()).isEqualTo(model.tokenizer().encode(text).inputIds());
            assertThat(alone.maxSeqLength()).isEqualTo(model.info().maxSeqLength());
        }
    }

    @Test
    void aLaterFullDownloadFetchesOnlyTheWeights() throws Exception {
        locator(false).locateTokenizer(ref(), ProgressListener.NONE, CancelToken.NONE);
        int vocabGets = hub.requests("hub", "GET", "/vocab.txt").size();
        assertThat(vocabGets).isEqualTo(1);

        Path full = locator(false).locate(ref(), ProgressListener.NONE, CancelToken.NONE);

        assertThat(full.resolve("model.safetensors")).exists();
        assertThat(hub.requests("hub", "GET", "/vocab.txt")).hasSize(vocabGets);
        assertThat(hub.requests("hub", "GET", "/tokenizer_config.json")).hasSize(1);
        assertThat(hub.requests("cdn", "GET", FakeHub.sha256(HubDownloadTest.fixture("model.safetensors")))).hasSize(1);
        assertThat(locator(false).cached(ref())).contains(full);
    }

    @Test
    void offlineTheCachedTokenizerIsUsedAndAMissingOneIsOneClearLine() throws Exception {
        assertThatThrownBy(() -> locator(true).locateTokenizer(ref(), ProgressListener.NONE, CancelToken.NONE))
                .isInstanceOf(HubException.class).hasMessageContaining("offline").hasMessageContaining(REPO)
                .hasMessageNotContaining("\n");
        assertThat(hub.seen).isEmpty();
        Path snapshot = locator(false).locateTokenizer(ref(), ProgressListener.NONE, CancelToken.NONE);
        int before = hub.seen.size();
        assertThat(locator(true).locateTokenizer(ref(), ProgressListener.NONE, CancelToken.NONE)).isEqualTo(snapshot);
        assertThat(hub.seen).hasSize(before);
    }

    @Test
    void aRepoWithoutTokenizerFilesIsRefusedWithoutFetchingWeights() throws Exception {
        FakeHub.Repo repo = hub.repos.get(REPO);
        repo.files.remove("vocab.txt");
        assertThatThrownBy(() -> locator(false).locateTokenizer(ref(), ProgressListener.NONE, CancelToken.NONE))
                .isInstanceOf(HubException.class).hasMessageContaining("neither tokenizer.json nor vocab.txt");
        assertThat(hub.seen).noneMatch(s -> isWeight(s.path()));
    }

    @Test
    void offlineWithAnEmptyCacheTheShippedV40kTokenizerIsFound() throws Exception {
        ModelRef v40k = ModelRef.parse("snunlp/KR-SBERT-V40K-klueNLI-augSTS");
        Path folder = locator(true).locateTokenizer(v40k, ProgressListener.NONE, CancelToken.NONE);
        assertThat(BundledTokenizers.isBundled(folder)).isTrue();
        assertThat(locator(true).cached(v40k)).isEmpty();
        // Another revision is not what was shipped.
        assertThat(locator(true).localTokenizer(ModelRef.parse("snunlp/KR-SBERT-V40K-klueNLI-augSTS@refs/pr/1"))).isEmpty();
        assertThat(hub.seen).isEmpty();
    }

    /** As in the runnable jar: the shipped folder is read straight from the zip, nothing unpacked. */
    @Test
    void theShippedTokenizerLoadsFromInsideAJar() throws Exception {
        Path shipped = BundledTokenizers.folder("snunlp/KR-SBERT-V40K-klueNLI-augSTS").orElseThrow();
        Path jar = tmp.resolve("workbench.jar");
        String prefix = BundledTokenizers.ROOT.substring(1) + "KR-SBERT-V40K-klueNLI-augSTS/";
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(shipped)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new ZipEntry(prefix + shipped.relativize(p).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(p));
                zip.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            URL modules = loader.getResource(prefix + "modules.json");
            assertThat(modules.getProtocol()).isEqualTo("jar");
            Path inJar = BundledTokenizers.folderAt(modules);
            try (HfTextTokenizer fromJar = ModelTokenizer.load(inJar, false);
                 HfTextTokenizer fromDir = ModelTokenizer.load(shipped, false)) {
                String text = "잠이 옵니다 졸음이 옵니다 기차가 옵니다";
                assertThat(fromJar.encode(text).pieces()).isEqualTo(fromDir.encode(text).pieces()).isNotEmpty();
                assertThat(fromJar.encode(text).inputIds()).isEqualTo(fromDir.encode(text).inputIds());
                assertThat(fromJar.maxSeqLength()).isEqualTo(128);
            }
            inJar.getFileSystem().close();
        }
    }
}
