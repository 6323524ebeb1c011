/** The status bar: running background tasks with progress and cancel, and the last error as one line. */
package kr.sbert.workbench.gui.status;
