/**
 * The embedding cache shared by the window and the command line: a model's identity (content
 * hash of its weights, its config and tokenizer files, {@code max_seq_length}, lower-casing,
 * NFC) plus the exact text maps to the embedding. A bounded in-memory LRU sits in front of a
 * size-bounded folder of checked entry files; {@link kr.sbert.workbench.core.cache.CachingEmbedder}
 * sends only the misses to the encoder. No UI types here.
 */
package kr.sbert.workbench.core.cache;
