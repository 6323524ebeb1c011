package kr.sbert.workbench.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoFilesTest {
    static final RepoFiles.Module TRANSFORMER_ROOT = new RepoFiles.Module("", "sentence_transformers.models.Transformer");
    static final RepoFiles.Module POOLING = new RepoFiles.Module("1_Pooling", "sentence_transformers.models.Pooling");

    @TempDir
    Path tmp;

    @Test
    void rootLayoutTakesConfigsTokenizerModulesAndOnlySafetensors() throws Exception {
        List<String> siblings = List.of(".gitattributes", "README.md", "config.json", "modules.json",
                "sentence_bert_config.json", "config_sentence_transformers.json", "tokenizer.json", "vocab.txt",
                "tokenizer_config.json", "special_tokens_map.json", "model.safetensors", "pytorch_model.bin",
                "tf_model.h5", "flax_model.msgpack", "rust_model.ot", "onnx/model.onnx", "openvino/openvino_model.bin",
                "1_Pooling/config.json", "2_Normalize/.keep");
        RepoFiles.Selection s = RepoFiles.select("o/n", siblings, List.of(TRANSFORMER_ROOT, POOLING,
                new RepoFiles.Module("2_Normalize", "sentence_transformers.models.Normalize")));
        assertThat(s.files()).containsExactlyInAnyOrder("README.md", "config.json", "modules.json",
                "sentence_bert_config.json", "config_sentence_transformers.json", "tokenizer.json", "vocab.txt",
                "tokenizer_config.json", "special_tokens_map.json", "model.safetensors", "1_Pooling/config.json",
                "2_Normalize/.keep");
        assertThat(s.weights()).containsExactly("model.safetensors");
    }

    @Test
    void oldLayoutTakesTheTransformerFolderAndThePytorchBin() throws Exception {
        // the shape of snunlp/KR-SBERT-V40K-klueNLI-augSTS on GitHub: files inside 0_Transformer/
        List<String> siblings = List.of("config.json", "modules.json", "0_Transformer/config.json",
                "0_Transformer/vocab.txt", "0_Transformer/tokenizer_config.json", "0_Transformer/pytorch_model.bin",
                "0_Transformer/sentence_bert_config.json", "0_Transformer/special_tokens_map.json", "1_Pooling/config.json");
        RepoFiles.Selection s = RepoFiles.select("o/n", siblings, List.of(
                new RepoFiles.Module("0_Transformer", "sentence_transformers.models.Transformer"), POOLING));
        assertThat(s.files()).containsExactlyInAnyOrderElementsOf(siblings);
        assertThat(s.configs()).containsExactly("0_Transformer/config.json");
    }

    @Test
    void repoWithoutConfigOrWeightsIsNotASentenceBert() {
        assertThatThrownBy(() -> RepoFiles.select("o/n", List.of("model.safetensors"), List.of(TRANSFORMER_ROOT)))
                .isInstanceOf(HubException.class).hasMessageContaining("no config.json");
        assertThatThrownBy(() -> RepoFiles.select("o/n", List.of("config.json", "vocab.txt", "tf_model.h5"), List.of(TRANSFORMER_ROOT)))
                .isInstanceOf(HubException.class).hasMessageContaining("model.safetensors");
        // no tokenizer the workbench reads: refused from the file list, before any weight is fetched
        assertThatThrownBy(() -> RepoFiles.select("o/n", List.of("config.json", "sentencepiece.bpe.model", "model.safetensors"),
                List.of(TRANSFORMER_ROOT))).isInstanceOf(HubException.class).hasMessageContaining("tokenizer.json");
    }

    @Test
    void hostileModulePathIsRefused() throws Exception {
        Path modules = tmp.resolve("modules.json");
        Files.writeString(modules, "[{\"idx\":0,\"name\":\"0\",\"path\":\"../../etc\",\"type\":\"x.Transformer\"}]");
        assertThatThrownBy(() -> RepoFiles.readModules(modules, "o/n")).isInstanceOf(HubException.class)
                .hasMessageContaining("../../etc");
    }

    @Test
    void modulesJsonOfTheFixtureIsRead() throws Exception {
        Path fixture = Path.of(System.getProperty("shared.dir"), "fixtures", "tiny-kr-sbert", "modules.json");
        assertThat(RepoFiles.readModules(fixture, "fixture")).containsExactly(TRANSFORMER_ROOT, POOLING);
        assertThat(RepoFiles.missingIn(fixture.getParent())).isEmpty();
    }

    @Test
    void incompleteSnapshotNamesWhatIsMissing() throws Exception {
        Files.writeString(tmp.resolve("config.json"), "{}");
        assertThat(RepoFiles.missingIn(tmp)).containsExactly("model.safetensors or pytorch_model.bin",
                "tokenizer.json or vocab.txt");
    }

    @Test
    void configOfAnotherFamilyIsRefusedBeforeWeights() throws Exception {
        Path config = tmp.resolve("config.json");
        Files.writeString(config, "{\"model_type\": \"electra\"}");
        assertThatThrownBy(() -> RepoFiles.checkBertConfig("o/n", "config.json", config))
                .isInstanceOf(HubException.class).hasMessageContaining("electra")
                .hasMessageContaining("bert, roberta, xlm-roberta");
        for (String type : new String[] {"bert", "roberta", "xlm-roberta"}) {
            Files.writeString(config, "{\"model_type\": \"" + type + "\"}");
            RepoFiles.checkBertConfig("o/n", "config.json", config);
        }
        Files.writeString(config, "{\"architectures\": [\"BertModel\"]}");
        RepoFiles.checkBertConfig("o/n", "config.json", config); // old configs without model_type pass
        Files.writeString(config, "{\"architectures\": [\"GPT2Model\"]}");
        assertThatThrownBy(() -> RepoFiles.checkBertConfig("o/n", "config.json", config))
                .isInstanceOf(HubException.class).hasMessageContaining("GPT2Model");
    }
}
