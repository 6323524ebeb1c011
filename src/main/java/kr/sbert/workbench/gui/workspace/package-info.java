/**
 * The workspace that survives restarts and crashes: pairs, gold, added and selected models,
 * window layout. Stored as JSON under {@code $XDG_CONFIG_HOME/kr-sbert-workbench/}, written
 * atomically (temp file + rename) so a crash never leaves half a file.
 */
package kr.sbert.workbench.gui.workspace;
