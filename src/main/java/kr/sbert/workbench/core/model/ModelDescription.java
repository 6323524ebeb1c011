package kr.sbert.workbench.core.model;

import kr.sbert.workbench.core.text.TokenizerSettings;

/**
 * A model as its folder describes it before anything heavy is read: the facts a load would give
 * ({@link ModelInfo}) and the tokenizer settings it would run with (see
 * {@link SentenceTransformerModel#describe}).
 */
public record ModelDescription(ModelInfo info, TokenizerSettings tokenizerSettings) {
}
