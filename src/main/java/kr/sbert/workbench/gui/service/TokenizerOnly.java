package kr.sbert.workbench.gui.service;

import kr.sbert.workbench.core.text.TextTokenizer;

/**
 * A model's tokenizer loaded without its weights, for showing tokens before a download.
 * Closing frees the native tokenizer.
 *
 * @param id        the hub id it belongs to
 * @param tokenizer loaded exactly as the full model would load it
 * @param source    where its files came from, for the user ("shipped with the workbench, MIT
 *                  licence" or "tokenizer files in the hub cache")
 */
public record TokenizerOnly(String id, TextTokenizer tokenizer, String source) implements AutoCloseable {

    @Override
    public void close() {
        tokenizer.close();
    }
}
