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
 */
public record ModelIdentity(String weights, String files, int maxSeqLength, boolean lowerCase, boolean nfc,
                            int dimension) {

    /** A stable hex key of this identity (names its folder in the disk cache). */
    public String key() {
        return Hashing.sha256("kr-sbert-workbench embedding v1\nweights=" + weights + "\nfiles=" + files
                + "\nmax_seq_length=" + maxSeqLength + "\nlower_case=" + lowerCase + "\nnfc=" + nfc
                + "\ndimension=" + dimension).substring(0, 32);
    }
}
