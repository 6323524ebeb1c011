package kr.sbert.workbench.core.data;

/**
 * A file's text and the encoding it was decoded with (BOM removed).
 *
 * @param text     the decoded characters
 * @param encoding what the bytes were found to be
 */
public record DecodedText(String text, TextEncoding encoding) {
}
