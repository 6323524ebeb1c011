/**
 * The slice selector of the metrics view: slice the scored pairs by gold band or by a column of
 * the opened file (KorSTS genre/filename, KLUE-STS source, any extra column), see the metrics
 * of one slice (evaluated on that slice alone) and the scatter coloured by slice.
 */
package kr.sbert.workbench.gui.slices;
