/**
 * Reading a sentence-transformers model folder ({@code modules.json}, {@code config.json},
 * {@code sentence_bert_config.json}, {@code 1_Pooling}, {@code 2_Dense}, prompts in
 * {@code config_sentence_transformers.json}) and running it: one encoder on DJL's {@code NDArray}
 * API that computes HF's {@code BertModel}, {@code RobertaModel} and {@code XLMRobertaModel}
 * (an {@link kr.sbert.workbench.core.model.EncoderFamily} is data on it, not a second copy), then
 * pooling, {@code Dense} layers and optional normalisation. Only {@code float[]} and records leave
 * this package.
 */
package kr.sbert.workbench.core.model;
