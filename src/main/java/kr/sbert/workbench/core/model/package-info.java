/**
 * Reading a sentence-transformers model folder ({@code modules.json}, {@code config.json},
 * {@code sentence_bert_config.json}, {@code 1_Pooling}) and running it: BERT as HF's
 * {@code BertModel} computes it, written on DJL's {@code NDArray} API, then pooling and
 * optional normalisation. Only {@code float[]} and records leave this package.
 */
package kr.sbert.workbench.core.model;
