/**
 * The Train tab: fine-tune a loaded model on STS pairs (the core's {@code TrainRun}), with a live
 * chart of training loss and dev Spearman against the base model's, the verdict when the run ends
 * (the chosen model is added, ticked only when it improved beyond noise), the Runs view (every run
 * side by side, several runs' dev curves overlaid) and the form kept in {@code train-form.json}.
 */
package kr.sbert.workbench.gui.train;
