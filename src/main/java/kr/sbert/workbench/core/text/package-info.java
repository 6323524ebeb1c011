/**
 * Tokenizers: {@link kr.sbert.workbench.core.text.TokenizerLoader} loads a checkpoint's HF
 * {@code tokenizer.json} (WordPiece or SentencePiece Unigram), or builds the same pipeline from {@code vocab.txt} +
 * {@code tokenizer_config.json}, into a {@link kr.sbert.workbench.core.text.HfTextTokenizer}
 * on DJL's HuggingFace tokenizers; {@link kr.sbert.workbench.core.text.TextChecks} spots input
 * the tokenizer treats surprisingly (non-NFC text, the lower-casing jamo trap); {@link
 * kr.sbert.workbench.core.text.WordMarks} says how a vocabulary marks words ({@code ##}, {@code ▁}); the {@link
 * kr.sbert.workbench.core.text.Encoding} record is what every view of tokens is made from.
 */
package kr.sbert.workbench.core.text;
