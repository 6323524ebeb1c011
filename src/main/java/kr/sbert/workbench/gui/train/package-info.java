/**
 * The Train tab: fine-tune a loaded model on STS pairs (the core's {@code train} loop), with a
 * live chart of training loss and dev Spearman against the untrained model's, and the trained
 * model added to the models panel when the run ends.
 */
package kr.sbert.workbench.gui.train;
