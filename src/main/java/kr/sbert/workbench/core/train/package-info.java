/**
 * Fine-tuning as sentence-transformers 2.x {@code SentenceTransformer.fit()} does it: the losses
 * ({@code CosineSimilarityLoss}, {@code CoSENTLoss}) computed on the pooled embeddings, AdamW's
 * two parameter groups, the linear warmup schedule, gradient clipping, the training loop with
 * dev evaluation, the JSONL log and atomic writing of the trained model folders. The tensors
 * themselves stay in {@code core.model}, driven through its {@code TrainingSession}.
 */
package kr.sbert.workbench.core.train;
