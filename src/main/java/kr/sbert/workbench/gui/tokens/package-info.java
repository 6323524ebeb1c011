/**
 * The token view: one row of token chips per selected model for the selected pair or typed
 * text, with counts, differing splits highlighted and the NFD / lower-casing warnings.
 */
package kr.sbert.workbench.gui.tokens;
