/**
 * References the workbench's encoder is benchmarked against. {@link kr.sbert.workbench.core.model.torchscript.TorchScriptBert}
 * writes, from Java, the TorchScript archive a {@code torch.jit.trace} of HF transformers'
 * {@code BertModel} / {@code RobertaModel} / {@code XLMRobertaModel} (eval mode, eager attention)
 * would hold, with the model's own weights, and runs it through DJL's TorchScript loader on the
 * same libtorch, so {@code bench} can time "DJL + a traced BERT" beside our NDArray encoder on the
 * same ids and check that both compute the same hidden states. No Python torch is needed: the
 * archive ({@link kr.sbert.workbench.core.model.torchscript.TorchScriptArchive}) and its pickles
 * ({@link kr.sbert.workbench.core.model.torchscript.TorchPickleWriter}) are written here.
 */
package kr.sbert.workbench.core.model.torchscript;
