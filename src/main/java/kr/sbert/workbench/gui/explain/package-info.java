/**
 * The window's explanations of the selected pair: each ticked model's token shares of the
 * cosine (shading the token chips) and its token alignment heatmap, side by side; computed off
 * the FX thread by {@code core.explain}.
 */
package kr.sbert.workbench.gui.explain;
