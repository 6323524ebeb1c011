package kr.sbert.workbench.core.cache;

/**
 * Everything that decides a model's embedding of a text, besides the text. Two models with
 * equal identities give equal embeddings; any change (new weights, another vocabulary, a
 * different {@code max_seq_length} or {@code --nfc}) gives a new identity.
 *
 * @param weights      content hash of the weight file: a hub snapshot's blob name (its sha256),
 *                     else {@code sha256:} of the file's bytes
 * @param files        sha256 over the model's small files (configs, pooling, tokenizer files)
 * @param maxSeqLength tokens fed to the model, counting {@code [CLS]}/{@code [SEP]}
 * @param lowerCase    whether the text is lower-cased before tokenizing
 * @param nfc          whether the text is normalised to NFC before tokenizing
 * @param dimension    embedding length
 * @param pooling      the pooling modes (a folder without {@code modules.json} pools as the user chose)
 * @param head         content hashes of the {@code Dense} modules' weight files, in order ("" without any)
 * @param prompt       the prefix put before every text ("" for none)
 */
public record ModelIdentity(String weights, String files, int maxSeqLength, boolean lowerCase, boolean nfc,
                            int dimension, String pooling, String head, String prompt) {

    /** An identity of a model with mean pooling, no Dense module and no prompt. */
    public ModelIdentity(String weights, String files, int maxSeqLength, boolean lowerCase, boolean nfc, int dimension) {
        this(weights, files, maxSeqLength, lowerCase, nfc, dimension, "mean", "", "");
    }

    /** A stable hex key of this identity (names its folder in the disk cache). */
    public String key() {
        // pooling, head and prompt join the key only when they differ from the plain mean-pooled
        // model, so the keys (and cached embeddings) of such models stay what they were
        return Hashing.sha256("kr-sbert-workbench embedding v1\nweights=" + weights + "\nfiles=" + files
                + "\nmax_seq_length=" + maxSeqLength + "\nlower_case=" + lowerCase + "\nnfc=" + nfc
                + "\ndimension=" + dimension
                + (pooling.equals("mean") ? "" : "\npooling=" + pooling)
                + (head.isEmpty() ? "" : "\nhead=" + head)
                + (prompt.isEmpty() ? "" : "\nprompt=" + prompt.length() + ":" + prompt)).substring(0, 32);
    }
}
