/**
 * The pairs table: editable sentence pairs with optional gold and one score column per model,
 * add/delete, paste, open (also by drag and drop), save as TSV/CSV, quick compare, sorting.
 */
package kr.sbert.workbench.gui.pairs;
