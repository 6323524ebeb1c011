package kr.sbert.workbench.core.hub;

/**
 * What the workbench knows about one model variant. Facts that could not be checked say
 * {@code "unknown"} rather than guess.
 *
 * @param id           hub id {@code org/name}
 * @param baseModel    the BERT it was fine-tuned from
 * @param vocabSize    WordPiece vocabulary size as text ({@code "40,000"}, or {@code "unknown"})
 * @param trainingData what it was fine-tuned on
 * @param weights      the weight file on {@code main} and its size ({@code "pytorch_model.bin, 467 MB"})
 * @param maxSeqLength {@code max_seq_length} from {@code sentence_bert_config.json}, or {@code "unknown"}
 * @param goodFor      one line on when to pick it
 * @param group        which shelf it sits on: {@link #KR_SBERT}, {@link #OTHER_KOREAN} or {@link #MULTILINGUAL}
 * @param kind         graph and vocabulary, e.g. {@code RoBERTa · WordPiece}, and the modules after
 *                     pooling worth knowing (e.g. {@code CLS → Normalize})
 */
public record CatalogEntry(String id, String baseModel, String vocabSize, String trainingData, String weights,
                           String maxSeqLength, String goodFor, String group, String kind) {

    /** The value used for a fact that could not be checked. */
    public static final String UNKNOWN = "unknown";
    public static final String KR_SBERT = "KR-SBERT family";
    public static final String OTHER_KOREAN = "other Korean encoders";
    public static final String MULTILINGUAL = "multilingual encoders";

    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile("(≈\\s?)?[0-9][0-9.,]* [MG]B");

    /** The download size as written in {@link #weights()} (e.g. {@code 467 MB}, {@code ≈2.27 GB}), "" when unknown. */
    public String size() {
        java.util.regex.Matcher m = SIZE.matcher(weights);
        String found = "";
        while (m.find()) {
            found = m.group();
        }
        return found;
    }

    /** {@code kind · size}, e.g. {@code RoBERTa · WordPiece · ≈443 MB}. */
    public String kindAndSize() {
        return size().isEmpty() ? kind : kind + " · " + size();
    }
}
