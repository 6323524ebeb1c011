package kr.sbert.workbench.core.model;

import static kr.sbert.workbench.core.model.SentenceTransformerModelTest.assertEmbedding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder layouts sentence-transformers reads (issue 2 §1), built from the tiny fixture:
 * each must give the fixture's embeddings, or the fixture's transformed as the layout says.
 */
class ModelFolderLayoutTest {

    @TempDir
    Path tmp;

    /** Encodes every NFC-safe fixture text and returns the embeddings by fixture id. */
    private static float[][] encodeNfcSafe(Path folder) throws Exception {
        List<Integer> ids = TinyFolders.nfcSafeIds();
        try (SentenceTransformerModel model = SentenceTransformerModel.load(folder)) {
            float[][] got = model.encode(ids.stream().map(TinyFolders::text).toList());
            float[][] byId = new float[Fixtures.tinySentences().size()][];
            for (int i = 0; i < ids.size(); i++) {
                byId[ids.get(i)] = got[i];
            }
            return byId;
        }
    }

    @Test
    void rootLayoutGivesTheFixtureEmbeddings() throws Exception {
        Path folder = TinyFolders.root(tmp.resolve("root"));
        ModelFolder layout = ModelFolder.read(folder);
        assertThat(layout.transformerDir()).isEqualTo(folder);
        assertThat(layout.warnings()).isEmpty();
        float[][] got = encodeNfcSafe(folder);
        for (int id : TinyFolders.nfcSafeIds()) {
            assertEmbedding(got[id], TinyFolders.embedding(id), "sentence " + id);
        }
    }

    @Test
    void oldLayoutWithTransformerSubfolderGivesTheSameEmbeddingsAsRoot() throws Exception {
        Path old = TinyFolders.oldLayout(tmp.resolve("old"));
        assertThat(old.resolve("model.safetensors")).doesNotExist();
        ModelFolder layout = ModelFolder.read(old);
        assertThat(layout.transformerDir()).isEqualTo(old.resolve("0_Transformer"));
        assertThat(layout.maxSeqLength()).isEqualTo(24);
        float[][] fromOld = encodeNfcSafe(old);
        float[][] fromRoot = encodeNfcSafe(TinyFolders.root(tmp.resolve("root")));
        for (int id : TinyFolders.nfcSafeIds()) {
            assertThat(fromOld[id]).as("sentence %d", id).containsExactly(fromRoot[id]);
            assertEmbedding(fromOld[id], TinyFolders.embedding(id), "sentence " + id);
        }
    }

    @Test
    void plainBertFolderWithoutModulesJsonIsMeanPooledWithAWarning() throws Exception {
        Path folder = TinyFolders.root(tmp.resolve("plain"));
        Files.delete(folder.resolve("modules.json"));
        Files.delete(folder.resolve("sentence_bert_config.json"));
        Files.delete(folder.resolve("config_sentence_transformers.json"));
        Files.delete(folder.resolve("1_Pooling/config.json"));
        Files.delete(folder.resolve("1_Pooling"));
        try (SentenceTransformerModel model = SentenceTransformerModel.load(folder)) {
            assertThat(model.info().pooling()).containsExactly("mean");
            assertThat(model.info().normalize()).isFalse();
            assertThat(model.info().warnings()).anySatisfy(w -> assertThat(w).contains("modules.json").contains("mean"));
            // No sentence_bert_config.json: max_seq_length = min(max_position_embeddings 64, model_max_length 1e30).
            assertThat(model.info().maxSeqLength()).isEqualTo(64);
        }
        float[][] got = encodeNfcSafe(folder);
        int compared = 0;
        for (int id : TinyFolders.nfcSafeIds()) {
            // The fixture truncated at 24 tokens; this folder allows 64, so only untruncated texts compare.
            if (!TinyFolders.truncated(id)) {
                assertEmbedding(got[id], TinyFolders.embedding(id), "sentence " + id);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(25);
    }

    @Test
    void normalizeModuleL2NormalisesTheFixtureEmbeddings() throws Exception {
        Path folder = TinyFolders.root(tmp.resolve("norm"));
        Files.createDirectories(folder.resolve("2_Normalize"));
        TinyFolders.editArray(folder.resolve("modules.json"),
                m -> m.add(TinyFolders.module(2, "2_Normalize", "sentence_transformers.models.Normalize")));
        float[][] got = encodeNfcSafe(folder);
        for (int id : TinyFolders.nfcSafeIds()) {
            float[] raw = TinyFolders.embedding(id);
            double norm = 0;
            for (float v : raw) {
                norm += (double) v * v;
            }
            norm = Math.sqrt(norm);
            float[] expected = new float[raw.length];
            for (int d = 0; d < raw.length; d++) {
                expected[d] = (float) (raw[d] / norm);
            }
            assertEmbedding(got[id], expected, "sentence " + id);
        }
    }

    @Test
    void unknownModuleTypeIsRefusedNamingTheTypeAndModulesJson() {
        Path folder = TinyFolders.root(tmp.resolve("lstm"));
        TinyFolders.editArray(folder.resolve("modules.json"),
                m -> m.add(TinyFolders.module(2, "2_LSTM", "sentence_transformers.models.LSTM")));
        assertThatThrownBy(() -> SentenceTransformerModel.load(folder))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("sentence_transformers.models.LSTM")
                .hasMessageContaining(folder.resolve("modules.json").toString())
                .message().doesNotContain("\n");
    }

    @Test
    void missingMaxSeqLengthIsTheSmallerOfPositionsAndTokenizerLimit() throws Exception {
        Path folder = TinyFolders.root(tmp.resolve("nolen"));
        TinyFolders.edit(folder.resolve("sentence_bert_config.json"), o -> o.remove("max_seq_length"));
        // Fixture tokenizer: model_max_length 1e30, so max_position_embeddings (64) decides.
        assertThat(ModelFolder.read(folder).maxSeqLength()).isEqualTo(64);

        TinyFolders.edit(folder.resolve("tokenizer_config.json"), o -> o.addProperty("model_max_length", 40));
        assertThat(ModelFolder.read(folder).maxSeqLength()).isEqualTo(40);

        TinyFolders.edit(folder.resolve("tokenizer_config.json"), o -> o.remove("model_max_length"));
        assertThat(ModelFolder.read(folder).maxSeqLength()).isEqualTo(64);

        // The limit is what the tokenizer truncates to: sentence 31 has 49 tokens untruncated.
        TinyFolders.edit(folder.resolve("tokenizer_config.json"), o -> o.addProperty("model_max_length", 40));
        int untruncated = Fixtures.tinySentences().get(31).getAsJsonArray("input_ids_untruncated").size();
        assertThat(untruncated).isEqualTo(49);
        try (SentenceTransformerModel model = SentenceTransformerModel.load(folder)) {
            assertThat(model.info().maxSeqLength()).isEqualTo(40);
            assertThat(model.tokenizer().encode(TinyFolders.text(31)).inputIds()).hasSize(40);
        }
    }
}
