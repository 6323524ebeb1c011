/**
 * Why a pair scores as it does: each token's exact share of the cosine for every pooling mode
 * the workbench loads ({@link kr.sbert.workbench.core.explain.TokenShares}), the token-by-token
 * alignment matrix ({@link kr.sbert.workbench.core.explain.TokenAlignment}), and vocabulary
 * statistics over a data set that need only a tokenizer
 * ({@link kr.sbert.workbench.core.explain.VocabularyStats}). Works on {@code float[]} token
 * vectors from {@code core.model}; computes in double.
 */
package kr.sbert.workbench.core.explain;
