/**
 * Background work for the window: one small {@link kr.sbert.workbench.gui.task.TaskRunner}
 * abstraction with a JavaFX implementation (worker threads, progress coalesced onto the FX
 * thread) and a synchronous one for view-model tests. Every task has a progress and a cancel.
 */
package kr.sbert.workbench.gui.task;
