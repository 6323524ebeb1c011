package kr.sbert.workbench.core.hub;

import java.util.List;
import java.util.Optional;

/**
 * The KR-SBERT variants and the other Korean and multilingual sentence encoders users weigh
 * against them (facts from the model cards and files as recorded in the project's FORMATS notes;
 * sizes marked ≈ follow from the shape's parameter count in float32). Any other BERT, RoBERTa or
 * XLM-R sentence-transformers hub id works too; the catalog only describes.
 */
public final class ModelCatalog {
    private static final String U = CatalogEntry.UNKNOWN;
    private static final String KR = CatalogEntry.KR_SBERT;
    private static final String OTHER = CatalogEntry.OTHER_KOREAN;
    private static final String MULTI = CatalogEntry.MULTILINGUAL;
    private static final String BERT_WP = "BERT · WordPiece";
    private static final List<CatalogEntry> ENTRIES = List.of(
            new CatalogEntry("snunlp/KR-SBERT-V40K-klueNLI-augSTS", "KR-BERT-V40K (BERT-base, 12 layers, 768 hidden)",
                    "40,000", "KLUE-NLI, then augmented KorSTS", "pytorch_model.bin, 467 MB", "128",
                    "the published KR-SBERT reference: general Korean sentence similarity, larger vocabulary", KR, BERT_WP),
            new CatalogEntry("snunlp/KR-SBERT-Medium-klueNLI-klueSTS", "KR-BERT-MEDIUM (BERT-base shape)",
                    "20,000", "KLUE-NLI, then KLUE-STS", "model.safetensors, 406 MB", U,
                    "KLUE-STS-style similarity; compare token splits against the 40K vocabulary", KR, BERT_WP),
            new CatalogEntry("snunlp/KR-SBERT-Medium-klueNLItriplet_PARpair-klueSTS", "KR-BERT-MEDIUM (from the name)",
                    U, "KLUE-NLI triplets and paraphrase pairs, then KLUE-STS (from the name)", U, U,
                    "paraphrase-aware similarity; check it against the klueNLI-klueSTS sibling", KR, BERT_WP),
            new CatalogEntry("snunlp/KR-SBERT-Medium-extended-klueNLItriplet_PARpair_QApair-klueSTS",
                    "KR-BERT-MEDIUM (from the name), with added tokens", U,
                    "KLUE-NLI triplets, paraphrase and question-answer pairs, then KLUE-STS (from the name)", U, "512",
                    "longer inputs (512 tokens) and question/answer matching", KR, BERT_WP),
            new CatalogEntry("jhgan/ko-sroberta-multitask", "klue/roberta-base (RoBERTa-base, 12 layers, 768 hidden)",
                    "32,000 (KLUE order)", "KorNLI and KorSTS, multi-task", "≈443 MB", "128",
                    "the most used Korean SBERT; published KorSTS test Spearman 85.6", OTHER, "RoBERTa · WordPiece"),
            new CatalogEntry("BM-K/KoSimCSE-roberta-multitask", "klue/roberta-base (RoBERTa-base)", "32,000 (KLUE order)",
                    "KorNLI (SimCSE), then KorSTS", "≈443 MB", U,
                    "SimCSE-style Korean model; no modules.json: choose cls pooling; KorSTS test Spearman 86.1",
                    OTHER, "RoBERTa · WordPiece · no modules.json"),
            new CatalogEntry("snunlp/KLUE-SRoBERTa-Large-SNUExtended-klueNLI-klueSTS",
                    "klue/roberta-large (RoBERTa-large, 24 layers, 1024 hidden), extended vocabulary",
                    "32,000 + about 20,000 added tokens", "KLUE-NLI, then KLUE-STS", "≈1.4 GB", U,
                    "the KR-SBERT authors' large model; slower, more memory", OTHER, "RoBERTa large · WordPiece"),
            new CatalogEntry("BAAI/bge-m3", "XLM-RoBERTa-large (24 layers, 1024 hidden)", "250,002",
                    "multilingual retrieval data (M3)", "≈2.27 GB", "8192",
                    "strong multilingual retrieval model; KLUE-STS Spearman 87.7, KorSTS 80.3; 2.2 GB of float32",
                    MULTI, "XLM-R large · Unigram · CLS → Normalize"),
            new CatalogEntry("dragonkue/BGE-m3-ko", "BAAI/bge-m3 (XLM-R large)", "250,002",
                    "Korean fine-tune of bge-m3", "≈2.27 GB", U,
                    "bge-m3 tuned for Korean; KLUE-STS 88.7, KorSTS 81.6", MULTI, "XLM-R large · Unigram · CLS → Normalize"),
            new CatalogEntry("upskyy/bge-m3-korean", "BAAI/bge-m3 (XLM-R large)", "250,002",
                    "Korean fine-tune of bge-m3 (KorSTS, KorNLI)", "≈2.27 GB", U,
                    "bge-m3 tuned on Korean STS/NLI", MULTI, "XLM-R large · Unigram"),
            new CatalogEntry("nlpai-lab/KURE-v1", "BAAI/bge-m3 (XLM-R large)", "250,002",
                    "Korean retrieval fine-tune of bge-m3", "≈2.27 GB", U,
                    "Korean retrieval; among the best KLUE-STS scores", MULTI, "XLM-R large · Unigram"),
            new CatalogEntry("intfloat/multilingual-e5-large", "XLM-RoBERTa-large (24 layers, 1024 hidden)", "250,002",
                    "multilingual weakly supervised pairs, then supervised", "≈2.24 GB", "512",
                    "expects 'query: ' / 'passage: ' before texts (set a prompt); KorSTS test Spearman 80.5",
                    MULTI, "XLM-R large · Unigram · mean → Normalize"),
            new CatalogEntry("intfloat/multilingual-e5-base", "XLM-RoBERTa-base (12 layers, 768 hidden)", "250,002",
                    "multilingual weakly supervised pairs, then supervised", "≈1.11 GB", "512",
                    "expects 'query: ' / 'passage: ' before texts (set a prompt)", MULTI, "XLM-R · Unigram · mean → Normalize"),
            new CatalogEntry("intfloat/multilingual-e5-small", "multilingual MiniLM (BERT, 12 layers, 384 hidden)", "250,037",
                    "multilingual weakly supervised pairs, then supervised", "≈471 MB", "512",
                    "small and fast; expects 'query: ' (set a prompt); KorSTS test Spearman 74.5",
                    MULTI, "BERT · Unigram · mean → Normalize"),
            new CatalogEntry("sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2",
                    "multilingual MiniLM (BERT, 12 layers, 384 hidden)", "250,037", "paraphrase data, distilled",
                    "≈471 MB", "128", "small multilingual paraphrase baseline", MULTI, "BERT · Unigram · mean"),
            new CatalogEntry("sentence-transformers/LaBSE", "LaBSE (BERT-base, 12 layers, 768 hidden)", "501,153",
                    "translation pairs (109 languages)", "≈1.88 GB", "256",
                    "bitext/translation similarity; Dense(tanh) head: no exact token split in Explain",
                    MULTI, "BERT · WordPiece · CLS → Dense tanh → Normalize"));

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
