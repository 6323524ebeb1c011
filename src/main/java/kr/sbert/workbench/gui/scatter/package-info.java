/**
 * The scatter plot of prediction against gold (JFreeChart in the JavaFX scene): one series per
 * model, y = x and fitted lines, Pearson/Spearman in the legend, hover, click-to-select, PNG export.
 */
package kr.sbert.workbench.gui.scatter;
