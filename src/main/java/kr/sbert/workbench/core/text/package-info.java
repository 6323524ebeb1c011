/**
 * Tokenizers: HF {@code tokenizer.json} through DJL's HuggingFace tokenizers, or the same
 * pipeline built from {@code vocab.txt} + {@code tokenizer_config.json}; the {@link
 * kr.sbert.workbench.core.text.Encoding} record every view of tokens is made from.
 */
package kr.sbert.workbench.core.text;
