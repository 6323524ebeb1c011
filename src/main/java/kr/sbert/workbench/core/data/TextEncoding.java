package kr.sbert.workbench.core.data;

import java.nio.charset.Charset;

/**
 * The character encoding a text file was found to be in.
 *
 * @param charset the charset used to decode it
 * @param bom     whether the file started with a byte-order mark (which was removed)
 */
public record TextEncoding(Charset charset, boolean bom) {

    /** A short name for users: {@code UTF-8}, {@code UTF-8 with BOM}, {@code UTF-16LE with BOM}, {@code CP949}. */
    public String label() {
        String name = charset.name().equals(TextEncodingDetector.CP949.name()) ? "CP949" : charset.name();
        return bom ? name + " with BOM" : name;
    }

    @Override
    public String toString() {
        return label();
    }
}
