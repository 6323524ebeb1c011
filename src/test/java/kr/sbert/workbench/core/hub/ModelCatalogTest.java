package kr.sbert.workbench.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelCatalogTest {
    @Test
    void describesTheFourKrSbertVariantsWithValidIds() throws Exception {
        assertThat(ModelCatalog.entries()).extracting(CatalogEntry::id).containsExactly(
                "snunlp/KR-SBERT-V40K-klueNLI-augSTS",
                "snunlp/KR-SBERT-Medium-klueNLI-klueSTS",
                "snunlp/KR-SBERT-Medium-klueNLItriplet_PARpair-klueSTS",
                "snunlp/KR-SBERT-Medium-extended-klueNLItriplet_PARpair_QApair-klueSTS");
        for (CatalogEntry e : ModelCatalog.entries()) {
            assertThat(ModelRef.parse(e.id()).kind()).isEqualTo(ModelRef.Kind.HUB);
            assertThat(e.goodFor()).isNotBlank();
        }
    }

    @Test
    void recordsTheFactsFromTheModelFiles() {
        CatalogEntry v40k = ModelCatalog.find("snunlp/KR-SBERT-V40K-klueNLI-augSTS").orElseThrow();
        assertThat(v40k.vocabSize()).isEqualTo("40,000");
        assertThat(v40k.weights()).startsWith("pytorch_model.bin");
        CatalogEntry medium = ModelCatalog.find("snunlp/KR-SBERT-Medium-klueNLI-klueSTS").orElseThrow();
        assertThat(medium.vocabSize()).isEqualTo("20,000");
        assertThat(medium.weights()).startsWith("model.safetensors");
        assertThat(ModelCatalog.find("jhgan/ko-sbert-sts")).isEmpty();
    }
}
