/**
 * Fine-tuning as sentence-transformers 2.x {@code SentenceTransformer.fit()} does it: the losses
 * ({@code CosineSimilarityLoss}, {@code CoSENTLoss}) computed on the pooled embeddings, AdamW's
 * two parameter groups, the linear warmup schedule, gradient clipping, the training loop with
 * dev evaluation and optional early stopping, the JSONL log and atomic writing of the trained
 * model folders. A run is an experiment: {@code TrainRun} records how it ended in
 * {@code run.json} ({@code RunRecord}) with its {@code Verdict} (chosen model minus base, with
 * {@code core.eval}'s paired bootstrap on dev and test pairs), and {@code RunFolder} reads run
 * folders back for {@code runs} and the Runs view. The tensors themselves stay in
 * {@code core.model}, driven through its {@code TrainingSession}.
 */
package kr.sbert.workbench.core.train;
