package kr.sbert.workbench.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against a real HTTP hub and CDN on loopback, serving the tiny KR-SBERT fixture. */
class HubDownloadTest {
    static final Path FIXTURE = Path.of(System.getProperty("shared.dir"), "fixtures", "tiny-kr-sbert");
    static final String REPO = "org/tiny";
    static final String COMMIT = "1111111111222222222233333333334444444444";
    static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(20));

    @TempDir
    Path tmp;
    FakeHub hub;
    Path cacheRoot;

    @BeforeEach
    void startHub() throws IOException {
        hub = new FakeHub();
        FakeHub.Repo repo = hub.serveFolder(REPO, COMMIT, FIXTURE);
        repo.files.put("tf_model.h5", new byte[150_000]);
        repo.files.put("onnx/model.onnx", new byte[120_000]);
        cacheRoot = tmp.resolve("hub-cache");
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    HubSettings settings(String token, boolean offline) {
        return new HubSettings(cacheRoot, hub.endpoint(), Optional.ofNullable(token), offline);
    }

    ModelLocator locator(String token) {
        HubSettings s = settings(token, false);
        return new ModelLocator(s, new HubClient(s, QUICK));
    }

    static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(FIXTURE.resolve(name));
    }

    Path repoFolder() {
        return cacheRoot.resolve("models--org--tiny");
    }

    List<String> blobNames() throws IOException {
        try (Stream<Path> s = Files.list(repoFolder().resolve("blobs"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void cleanDownloadLaysOutTheSnapshotAsHuggingfaceHubDoes() throws Exception {
        Path snapshot = locator(null).locate(REPO, ProgressListener.NONE, CancelToken.NONE);

        assertThat(snapshot).isEqualTo(repoFolder().resolve("snapshots").resolve(COMMIT));
        assertThat(Files.readString(repoFolder().resolve("refs/main"))).isEqualTo(COMMIT);
        byte[] weights = fixture("model.safetensors");
        Path st = snapshot.resolve("model.safetensors");
        assertThat(Files.isSymbolicLink(st)).isTrue();
        assertThat(Files.readSymbolicLink(st).toString()).isEqualTo("../../blobs/" + FakeHub.sha256(weights));
        assertThat(Files.readAllBytes(st)).isEqualTo(weights);
        Path pooling = snapshot.resolve("1_Pooling/config.json");
        byte[] poolingBytes = fixture("1_Pooling/config.json");
        assertThat(Files.readSymbolicLink(pooling).toString()).isEqualTo("../../../blobs/" + FakeHub.gitSha1(poolingBytes));
        assertThat(Files.readAllBytes(pooling)).isEqualTo(poolingBytes);
        for (String name : List.of("config.json", "modules.json", "vocab.txt", "tokenizer_config.json",
                "sentence_bert_config.json", "special_tokens_map.json", "config_sentence_transformers.json")) {
            assertThat(Files.readAllBytes(snapshot.resolve(name))).as(name).isEqualTo(fixture(name));
            assertThat(Files.readSymbolicLink(snapshot.resolve(name)).isAbsolute()).isFalse();
        }
        // one weight file (safetensors preferred); no TF or ONNX copies ever requested
        assertThat(snapshot.resolve("pytorch_model.bin")).doesNotExist();
        assertThat(hub.seen).noneMatch(s -> s.path().contains("pytorch_model.bin") || s.path().contains("tf_model")
                || s.path().contains("onnx"));
        assertThat(blobNames()).contains(FakeHub.sha256(weights), FakeHub.gitSha1(fixture("vocab.txt")))
                .noneMatch(n -> n.endsWith(".incomplete"));
        // the LFS bytes came from the second host, via a 302
        assertThat(hub.requests("cdn", "GET", FakeHub.sha256(weights))).hasSize(1);
        assertThat(cacheRoot.resolve(".locks/models--org--tiny/" + FakeHub.sha256(weights) + ".lock")).exists();
    }

    @Test
    void aSecondLocateUsesTheCacheWithoutTheNetwork() throws Exception {
        Path first = locator(null).locate(REPO, ProgressListener.NONE, CancelToken.NONE);
        int requests = hub.seen.size();
        Path again = locator(null).locate(REPO, ProgressListener.NONE, CancelToken.NONE);
        assertThat(again).isEqualTo(first);
        assertThat(hub.seen).hasSize(requests);
    }

    @Test
    void droppedConnectionIsResumedWithRange() throws Exception {
        hub.dropAfterBytes = 1_000_000;
        hub.dropsLeft.set(2);
        byte[] weights = fixture("model.safetensors");
        List<Long> reported = new ArrayList<>();
        Path snapshot = locator(null).locate(REPO, (what, done, total) -> reported.add(done), CancelToken.NONE);

        assertThat(Files.readAllBytes(snapshot.resolve("model.safetensors"))).isEqualTo(weights);
        // each retry asks for the rest from what arrived (a dropped socket may lose bytes in flight)
        List<Long> starts = hub.requests("cdn", "GET", FakeHub.sha256(weights)).stream()
                .map(g -> g.range() == null ? 0L : Long.parseLong(g.range().replaceAll("bytes=(\\d+)-", "$1")))
                .toList();
        assertThat(starts).hasSize(3);
        assertThat(starts.get(0)).isZero();
        assertThat(starts.get(1)).isBetween(1L, 1_000_000L);
        assertThat(starts.get(2)).isBetween(starts.get(1) + 1, starts.get(1) + 1_000_000L);
        assertThat(reported).last().isEqualTo((long) fileBytesToFetch());
    }

    /** Bytes of the files the selection fetches after modules.json and config.json. */
    long fileBytesToFetch() throws IOException {
        long total = 0;
        for (String f : List.of("config_sentence_transformers.json", "sentence_bert_config.json", "vocab.txt",
                "tokenizer_config.json", "special_tokens_map.json", "model.safetensors", "1_Pooling/config.json")) {
            total += Files.size(FIXTURE.resolve(f));
        }
        return total;
    }

    @Test
    void stalledTransferIsDroppedAndResumed() throws Exception {
        hub.stallAfterBytes = 1_500_000;
        byte[] weights = fixture("model.safetensors");
        HubSettings s = settings(null, false);
        RetryPolicy stallQuickly = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(700));
        Path snapshot = new ModelLocator(s, new HubClient(s, stallQuickly)).locate(REPO, ProgressListener.NONE, CancelToken.NONE);

        assertThat(Files.readAllBytes(snapshot.resolve("model.safetensors"))).isEqualTo(weights);
        List<FakeHub.Seen> gets = hub.requests("cdn", "GET", FakeHub.sha256(weights));
        assertThat(gets.size()).isGreaterThanOrEqualTo(2);
        assertThat(gets.get(0).range()).isNull();
        assertThat(gets.get(1).range()).matches("bytes=\\d+-").isNotEqualTo("bytes=0-");
    }

    @Test
    void headReadsCommitEtagSizeAndTheCdnLocation() throws Exception {
        HubClient client = new HubClient(settings(null, false), QUICK);
        byte[] config = fixture("config.json");
        FileMetadata small = client.head(REPO, COMMIT, "config.json");
        assertThat(small.commit()).isEqualTo(COMMIT);
        assertThat(small.etag()).isEqualTo(FakeHub.gitSha1(config));
        assertThat(small.size()).isEqualTo(config.length);
        assertThat(small.isLfs()).isFalse();

        byte[] weights = fixture("model.safetensors");
        FileMetadata lfs = client.head(REPO, "main", "model.safetensors");
        assertThat(lfs.etag()).isEqualTo(FakeHub.sha256(weights)); // X-Linked-Etag wins over the pointer's ETag
        assertThat(lfs.size()).isEqualTo(weights.length);
        assertThat(lfs.isLfs()).isTrue();
        assertThat(lfs.location().getHost()).isEqualTo("127.0.0.2");
        assertThat(hub.seenOn("cdn")).isEmpty(); // HEAD does not follow the cross-host redirect
    }

    @Test
    void renamedRepoIsFollowedOnTheHubWithTheToken() throws Exception {
        hub.requiredToken = "secret";
        hub.renamed.put("org/old-name", REPO);
        Path snapshot = locator("secret").locate("org/old-name", ProgressListener.NONE, CancelToken.NONE);

        assertThat(snapshot).isEqualTo(cacheRoot.resolve("models--org--old-name/snapshots").resolve(COMMIT));
        assertThat(snapshot.resolve("model.safetensors")).exists();
        assertThat(hub.seenOn("hub")).anyMatch(x -> x.path().startsWith("/org/old-name/"))
                .allMatch(x -> "Bearer secret".equals(x.authorization()));
        assertThat(hub.seenOn("cdn")).allMatch(x -> x.authorization() == null);
    }

    @Test
    void incompleteFileFromAnEarlierRunIsResumed() throws Exception {
        byte[] weights = fixture("model.safetensors");
        Path incomplete = repoFolder().resolve("blobs").resolve(FakeHub.sha256(weights) + ".incomplete");
        Files.createDirectories(incomplete.getParent());
        Files.write(incomplete, java.util.Arrays.copyOf(weights, 3_000_000));

        Path snapshot = locator(null).locate(REPO, ProgressListener.NONE, CancelToken.NONE);

        assertThat(Files.readAllBytes(snapshot.resolve("model.safetensors"))).isEqualTo(weights);
        assertThat(hub.requests("cdn", "GET", FakeHub.sha256(weights))).extracting(FakeHub.Seen::range)
                .containsExactly("bytes=3000000-");
        assertThat(incomplete).doesNotExist();
    }

    @Test
    void rangeAnsweredWithTheWholeFileStartsOver() throws Exception {
        hub.ignoreRange = true;
        byte[] weights = fixture("model.safetensors");
        Path incomplete = repoFolder().resolve("blobs").resolve(FakeHub.sha256(weights) + ".incomplete");
        Files.createDirectories(incomplete.getParent());
        Files.write(incomplete, java.util.Arrays.copyOf(weights, 2_000_000));

        Path snapshot = locator(null).locate(REPO, ProgressListener.NONE, CancelToken.NONE);

        assertThat(Files.readAllBytes(snapshot.resolve("model.safetensors"))).isEqualTo(weights);
    }

    @Test
    void bytesThatFailSha256AreDeletedAndNeverUsed() throws Exception {
        byte[] weights = fixture("model.safetensors");
        hub.corruptSha = FakeHub.sha256(weights);

        assertThatThrownBy(() -> locator(null).locate(REPO, ProgressListener.NONE, CancelToken.NONE))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("model.safetensors").hasMessageContaining("sha256").hasMessageContaining("deleted");

        assertThat(blobNames()).noneMatch(n -> n.startsWith(FakeHub.sha256(weights)));
        assertThat(repoFolder().resolve("snapshots").resolve(COMMIT).resolve("model.safetensors")).doesNotExist();
        assertThat(repoFolder().resolve("refs/main")).doesNotExist();
        assertThat(locator(null).cached(ModelRef.parse(REPO))).isEmpty();
    }

    @Test
    void privateRepoWithoutTokenSaysToSetHfToken() {
        hub.requiredToken = "secret";
        assertThatThrownBy(() -> locator(null).locate(REPO, ProgressListener.NONE, CancelToken.NONE))
                .isInstanceOf(HubException.class).hasMessageContaining("401").hasMessageContaining("HF_TOKEN");
    }

    @Test
    void tokenReachesTheHubButNeverTheCdnHost() throws Exception {
        hub.requiredToken = "secret";
        Path snapshot = locator("secret").locate(REPO, ProgressListener.NONE, CancelToken.NONE);

        assertThat(snapshot.resolve("model.safetensors")).exists();
        assertThat(hub.seenOn("hub")).isNotEmpty().allMatch(s -> "Bearer secret".equals(s.authorization()));
        assertThat(hub.seenOn("cdn")).isNotEmpty().allMatch(s -> s.authorization() == null);
    }

    @Test
    void redirectToANonHttpAddressIsRefused() throws Exception {
        hub.lfsLocation = "file:///etc/passwd";
        assertThatThrownBy(() -> locator(null).locate(REPO, ProgressListener.NONE, CancelToken.NONE))
                .isInstanceOf(HubException.class).hasMessageContaining("file:///etc/passwd")
                .hasMessageContaining("only http and https");
        assertThat(repoFolder().resolve("snapshots").resolve(COMMIT).resolve("model.safetensors")).doesNotExist();
    }

    @Test
    void gatedRepoSaysWhereToAcceptTheTerms() {
        hub.requiredToken = "GatedRepo"; // the fake hub then answers 401 with X-Error-Code: GatedRepo
        assertThatThrownBy(() -> locator(null).locate(REPO, ProgressListener.NONE, CancelToken.NONE))
                .isInstanceOf(HubException.class).hasMessageContaining("org/tiny is gated")
                .hasMessageContaining(hub.endpoint() + "/org/tiny").hasMessageContaining("HF_TOKEN");
    }

    @Test
    void serverBusyIsRetried() throws Exception {
        hub.unavailable.set(2);
        byte[] weights = fixture("model.safetensors");
        Path snapshot = locator(null).locate(REPO, ProgressListener.NONE, CancelToken.NONE);
        assertThat(Files.readAllBytes(snapshot.resolve("model.safetensors"))).isEqualTo(weights);
    }

    @Test
    void unknownRepoIs404NamingTheRepo() {
        assertThatThrownBy(() -> locator(null).locate("org/nothing", ProgressListener.NONE, CancelToken.NONE))
                .isInstanceOf(HubException.class).hasMessageContaining("org/nothing").hasMessageContaining("404");
    }

    @Test
    void unknownRevisionIsNamed() {
        assertThatThrownBy(() -> locator(null).locate(REPO + "@v9", ProgressListener.NONE, CancelToken.NONE))
                .isInstanceOf(HubException.class).hasMessageContaining("revision 'v9' not found");
    }

    @Test
    void pullRequestRevisionIsEncodedAndItsRefStoredUnderRefsRefs() throws Exception {
        String prCommit = "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd";
        FakeHub.Repo pr = new FakeHub.Repo(prCommit);
        pr.files.putAll(hub.repos.get(REPO).files);
        pr.files.remove("model.safetensors"); // the PR has only the .bin, to check the fallback
        hub.revisions.put(REPO + "@refs/pr/1", pr);
        hub.revisions.put(REPO + "@" + prCommit, pr);

        Path snapshot = locator(null).locate(REPO + "@refs/pr/1", ProgressListener.NONE, CancelToken.NONE);

        assertThat(snapshot.getFileName().toString()).isEqualTo(prCommit);
        assertThat(Files.readString(repoFolder().resolve("refs/refs/pr/1"))).isEqualTo(prCommit);
        assertThat(hub.seen).anyMatch(s -> s.path().endsWith("/revision/refs%2Fpr%2F1"));
        assertThat(Files.readAllBytes(snapshot.resolve("pytorch_model.bin"))).isEqualTo(fixture("pytorch_model.bin"));
    }

    @Test
    void offlineWithoutCacheFailsNamingTheCacheAndTheFix() {
        HubSettings offline = settings(null, true);
        assertThatThrownBy(() -> new ModelLocator(offline).locate(REPO, ProgressListener.NONE, CancelToken.NONE))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("HF_HUB_OFFLINE").hasMessageContaining(repoFolder().toString())
                .hasMessageContaining("download org/tiny");
        assertThat(hub.seen).isEmpty();
    }

    @Test
    void offlineWithCacheUsesItWithoutTheNetwork() throws Exception {
        Path online = locator(null).locate(REPO, ProgressListener.NONE, CancelToken.NONE);
        hub.close();
        hub.seen.clear();
        Path offline = new ModelLocator(settings(null, true)).locate(REPO, ProgressListener.NONE, CancelToken.NONE);
        assertThat(offline).isEqualTo(online);
        assertThat(hub.seen).isEmpty();
    }

    @Test
    void twoConcurrentDownloadsOfOneModelWriteOneBlob() throws Exception {
        hub.chunkDelayMillis = 5;
        byte[] weights = fixture("model.safetensors");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Path> job = () -> locator(null).locate(REPO, ProgressListener.NONE, CancelToken.NONE);
            Future<Path> a = pool.submit(job);
            Future<Path> b = pool.submit(job);
            assertThat(a.get()).isEqualTo(b.get());
            assertThat(Files.readAllBytes(a.get().resolve("model.safetensors"))).isEqualTo(weights);
        } finally {
            pool.shutdownNow();
        }
        assertThat(hub.requests("cdn", "GET", FakeHub.sha256(weights))).hasSize(1);
        assertThat(blobNames()).filteredOn(n -> n.startsWith(FakeHub.sha256(weights)))
                .containsExactly(FakeHub.sha256(weights));
    }

    @Test
    void cancellingKeepsThePartialFileForLater() throws Exception {
        hub.chunkDelayMillis = 2;
        CancelToken cancel = new CancelToken();
        byte[] weights = fixture("model.safetensors");
        ProgressListener cancelHalfway = (what, done, total) -> {
            if (done > 1_000_000) {
                cancel.cancel();
            }
        };
        assertThatThrownBy(() -> locator(null).locate(REPO, cancelHalfway, cancel)).isInstanceOf(CancelledException.class);
        Path incomplete = repoFolder().resolve("blobs").resolve(FakeHub.sha256(weights) + ".incomplete");
        assertThat(Files.size(incomplete)).isPositive().isLessThan(weights.length);

        Path snapshot = locator(null).locate(REPO, ProgressListener.NONE, CancelToken.NONE);
        assertThat(Files.readAllBytes(snapshot.resolve("model.safetensors"))).isEqualTo(weights);
    }

    @Test
    void repoOfAnotherFamilyIsRefusedBeforeItsWeightsAreFetched() throws Exception {
        FakeHub.Repo electra = hub.serveFolder("org/electra", COMMIT, FIXTURE);
        electra.files.put("config.json", new String(fixture("config.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"model_type\": \"bert\"", "\"model_type\": \"electra\"").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> locator(null).locate("org/electra", ProgressListener.NONE, CancelToken.NONE))
                .isInstanceOf(HubException.class).hasMessageContaining("not a model the workbench runs")
                .hasMessageContaining("electra");
        assertThat(hub.seenOn("cdn")).isEmpty();
    }

    /** An XLM-R repo (SentencePiece tokenizer.json beside its sentencepiece.bpe.model): the model loads, the .model is not fetched. */
    @Test
    void xlmRobertaRepoDownloadsWhatItsModulesNeedAndLoads() throws Exception {
        Path xlmr = FIXTURE.resolveSibling("tiny-xlmr-unigram");
        hub.serveFolder("org/xlmr", COMMIT, xlmr);
        Path snapshot = locator(null).locate("org/xlmr", ProgressListener.NONE, CancelToken.NONE);
        assertThat(snapshot.resolve("tokenizer.json")).isRegularFile();
        assertThat(snapshot.resolve("model.safetensors")).isRegularFile();
        assertThat(snapshot.resolve("sentencepiece.bpe.model")).doesNotExist();
        try (var model = kr.sbert.workbench.core.model.SentenceTransformerModel.load(snapshot)) {
            assertThat(model.info().pipeline()).isEqualTo("XLM-R 2×32 → mean → Normalize");
        }
    }

    /** A Dense module's folder comes with its weight file; a repo with only a SentencePiece model names what it lacks. */
    @Test
    void denseModuleWeightsAreFetchedAndALoneSentencePieceModelIsNamed() throws Exception {
        FakeHub.Repo dense = hub.serveFolder("org/dense", COMMIT, FIXTURE);
        dense.files.put("modules.json", ("[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"},"
                + "{\"idx\":1,\"name\":\"1\",\"path\":\"1_Pooling\",\"type\":\"sentence_transformers.models.Pooling\"},"
                + "{\"idx\":2,\"name\":\"2\",\"path\":\"2_Dense\",\"type\":\"sentence_transformers.models.Dense\"}]")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        dense.files.put("2_Dense/config.json", "{\"in_features\": 32, \"out_features\": 32}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        dense.files.put("2_Dense/pytorch_model.bin", new byte[2048]);
        Path snapshot = locator(null).locate("org/dense", ProgressListener.NONE, CancelToken.NONE);
        assertThat(snapshot.resolve("2_Dense/pytorch_model.bin")).isRegularFile();

        Path xlmr = FIXTURE.resolveSibling("tiny-xlmr-unigram");
        FakeHub.Repo spm = hub.serveFolder("org/spm-only", COMMIT, xlmr);
        spm.files.remove("tokenizer.json");
        assertThatThrownBy(() -> locator(null).locate("org/spm-only", ProgressListener.NONE, CancelToken.NONE))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("a SentencePiece model is read only through tokenizer.json");
        // refused from the file list: not one byte of the weights was asked for
        assertThat(hub.seenOn("hub")).noneMatch(x -> x.path().startsWith("/org/spm-only/") && x.path().endsWith(".safetensors")
                && "GET".equals(x.method()));
    }

    @Test
    void repoWithoutReadableWeightsIsRefused() throws Exception {
        FakeHub.Repo tf = hub.serveFolder("org/tfonly", COMMIT, FIXTURE);
        tf.files.remove("model.safetensors");
        tf.files.remove("pytorch_model.bin");
        tf.files.put("tf_model.h5", new byte[150_000]);
        assertThatThrownBy(() -> locator(null).locate("org/tfonly", ProgressListener.NONE, CancelToken.NONE))
                .isInstanceOf(HubException.class).hasMessageContaining("not a sentence-transformers model")
                .hasMessageContaining("pytorch_model.bin");
    }

    @Test
    void unreachableHubIsNamedInOneLine() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        HubSettings s = new HubSettings(cacheRoot, "http://127.0.0.1:" + closedPort, Optional.empty(), false);
        assertThatThrownBy(() -> new ModelLocator(s, new HubClient(s, QUICK)).locate(REPO, ProgressListener.NONE, CancelToken.NONE))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("cannot reach the model hub at http://127.0.0.1:" + closedPort)
                .hasMessageNotContaining("\n");
    }

    @Test
    void unknownHostIsReportedAsDnsFailure() {
        HubSettings s = new HubSettings(cacheRoot, "http://no-such-host.invalid", Optional.empty(), false);
        assertThatThrownBy(() -> new ModelLocator(s, new HubClient(s, QUICK)).locate(REPO, ProgressListener.NONE, CancelToken.NONE))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("http://no-such-host.invalid").hasMessageContaining("host name not found");
    }

    @Test
    void cacheLaidOutByHandAsHuggingfaceHubDoesIsUsedOffline() throws Exception {
        // blobs named by ETag, snapshot files as relative symlinks, refs/main: what Python leaves behind
        Path repo = cacheRoot.resolve("models--snunlp--KR-SBERT-hand");
        Path snap = repo.resolve("snapshots").resolve(COMMIT);
        Map<String, String> links = new HashMap<>();
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = FIXTURE.relativize(f).toString();
                byte[] bytes = Files.readAllBytes(f);
                String etag = FakeHub.etagOf(rel, bytes);
                Files.createDirectories(repo.resolve("blobs"));
                Files.write(repo.resolve("blobs").resolve(etag), bytes);
                Path link = snap.resolve(rel);
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, link.getParent().relativize(repo.resolve("blobs").resolve(etag)));
                links.put(rel, etag);
            }
        }
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), COMMIT);
        hub.close();

        Path found = new ModelLocator(settings(null, true))
                .locate("snunlp/KR-SBERT-hand", ProgressListener.NONE, CancelToken.NONE);
        assertThat(found).isEqualTo(snap);
        assertThat(Files.readAllBytes(found.resolve("vocab.txt"))).isEqualTo(fixture("vocab.txt"));
        // online too, a complete cached snapshot is used without asking the (stopped) hub
        Path online = locator(null).locate("snunlp/KR-SBERT-hand", ProgressListener.NONE, CancelToken.NONE);
        assertThat(online).isEqualTo(snap);
        assertThat(hub.seen).isEmpty();
        assertThat(new HubCache(cacheRoot).find("snunlp/KR-SBERT-hand")).get()
                .satisfies(r -> assertThat(r.refs()).containsEntry("main", COMMIT));
    }
}
