/**
 * The main window: its view model (which ties models, pairs, tokens, scatter, metrics, status
 * and the workspace together and runs the scoring), its FXML controller, and the Hangul font check.
 */
package kr.sbert.workbench.gui.main;
