/**
 * Evaluation against gold: similarity functions, Pearson/Spearman as sentence-transformers'
 * {@code EmbeddingSimilarityEvaluator} reports them, KLUE's binarised F1, calibration to 0–5,
 * bootstrap intervals, and the lexical baselines that need no download.
 */
package kr.sbert.workbench.core.eval;
