package kr.sbert.workbench.core.hub;

import java.util.List;
import java.util.Optional;

/**
 * The KR-SBERT variants the workbench describes (facts from the model cards and files as
 * recorded in the project's FORMATS notes). Any other BERT sentence-transformers hub id works
 * too; the catalog only describes.
 */
public final class ModelCatalog {
    private static final String U = CatalogEntry.UNKNOWN;
    private static final List<CatalogEntry> ENTRIES = List.of(
            new CatalogEntry("snunlp/KR-SBERT-V40K-klueNLI-augSTS", "KR-BERT-V40K (BERT-base, 12 layers, 768 hidden)",
                    "40,000", "KLUE-NLI, then augmented KorSTS", "pytorch_model.bin, 467 MB", "128",
                    "the published KR-SBERT reference: general Korean sentence similarity, larger vocabulary"),
            new CatalogEntry("snunlp/KR-SBERT-Medium-klueNLI-klueSTS", "KR-BERT-MEDIUM (BERT-base shape)",
                    "20,000", "KLUE-NLI, then KLUE-STS", "model.safetensors, 406 MB", U,
                    "KLUE-STS-style similarity; compare token splits against the 40K vocabulary"),
            new CatalogEntry("snunlp/KR-SBERT-Medium-klueNLItriplet_PARpair-klueSTS", "KR-BERT-MEDIUM (from the name)",
                    U, "KLUE-NLI triplets and paraphrase pairs, then KLUE-STS (from the name)", U, U,
                    "paraphrase-aware similarity; check it against the klueNLI-klueSTS sibling"),
            new CatalogEntry("snunlp/KR-SBERT-Medium-extended-klueNLItriplet_PARpair_QApair-klueSTS",
                    "KR-BERT-MEDIUM (from the name), with added tokens", U,
                    "KLUE-NLI triplets, paraphrase and question-answer pairs, then KLUE-STS (from the name)", U, "512",
                    "longer inputs (512 tokens) and question/answer matching"));

    private ModelCatalog() {
    }

    /** All described variants, in display order. */
    public static List<CatalogEntry> entries() {
        return ENTRIES;
    }

    /** The entry for a hub id, if the catalog describes it. */
    public static Optional<CatalogEntry> find(String repoId) {
        return ENTRIES.stream().filter(e -> e.id().equals(repoId)).findFirst();
    }
}
