package kr.sbert.workbench.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelCatalogTest {
    @Test
    void describesTheKrSbertVariantsFirstThenTheOtherEncodersGroupedWithValidIds() throws Exception {
        assertThat(ModelCatalog.entries().subList(0, 4)).extracting(CatalogEntry::id).containsExactly(
                "snunlp/KR-SBERT-V40K-klueNLI-augSTS",
                "snunlp/KR-SBERT-Medium-klueNLI-klueSTS",
                "snunlp/KR-SBERT-Medium-klueNLItriplet_PARpair-klueSTS",
                "snunlp/KR-SBERT-Medium-extended-klueNLItriplet_PARpair_QApair-klueSTS");
        assertThat(ModelCatalog.entries()).extracting(CatalogEntry::id).contains("jhgan/ko-sroberta-multitask",
                "BAAI/bge-m3", "intfloat/multilingual-e5-small", "sentence-transformers/LaBSE");
        // groups are contiguous, in the order KR-SBERT, other Korean, multilingual
        assertThat(ModelCatalog.entries().stream().map(CatalogEntry::group).distinct().toList())
                .containsExactly(CatalogEntry.KR_SBERT, CatalogEntry.OTHER_KOREAN, CatalogEntry.MULTILINGUAL);
        String previous = "";
        java.util.Set<String> closed = new java.util.HashSet<>();
        for (CatalogEntry e : ModelCatalog.entries()) {
            assertThat(ModelRef.parse(e.id()).kind()).isEqualTo(ModelRef.Kind.HUB);
            assertThat(e.goodFor()).isNotBlank();
            assertThat(e.kind()).isNotBlank();
            if (!e.group().equals(previous)) {
                assertThat(closed.add(e.group())).as("group " + e.group() + " appears once").isTrue();
                previous = e.group();
            }
        }
        assertThat(ModelCatalog.find("jhgan/ko-sroberta-multitask").orElseThrow().kindAndSize())
                .isEqualTo("RoBERTa · WordPiece · ≈443 MB");
        assertThat(ModelCatalog.find("snunlp/KR-SBERT-V40K-klueNLI-augSTS").orElseThrow().size()).isEqualTo("467 MB");
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
