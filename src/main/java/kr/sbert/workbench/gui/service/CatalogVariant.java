package kr.sbert.workbench.gui.service;

/**
 * A known model as the models panel lists it before it is loaded.
 *
 * @param id          hub id
 * @param description base model, training data, what it is good for
 * @param size        download size as text, e.g. {@code 467 MB}, or empty when unknown
 * @param cached      whether a snapshot is already in the local cache
 * @param kind        graph and vocabulary, e.g. {@code RoBERTa · WordPiece} ("" when not told)
 */
public record CatalogVariant(String id, String description, String size, boolean cached, String kind) {

    /** A variant whose kind is not told. */
    public CatalogVariant(String id, String description, String size, boolean cached) {
        this(id, description, size, cached, "");
    }
}
