/**
 * The vocabulary statistics view: per ticked model, how its tokenizer handles the loaded pairs
 * (tokens per sentence, truncation, [UNK], fertility, split words) and the words two models
 * split most differently. Tokenizer only; computed off the FX thread by {@code core.explain}.
 */
package kr.sbert.workbench.gui.vocab;
