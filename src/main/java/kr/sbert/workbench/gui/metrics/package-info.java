/** The metrics table: per model n, Pearson/Spearman with intervals, F1/accuracy at 3.0, MSE/MAE; paired difference; CSV export. */
package kr.sbert.workbench.gui.metrics;
