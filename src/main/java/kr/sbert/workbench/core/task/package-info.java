/** Progress reporting and cancellation shared by all long-running core work (no UI types). */
package kr.sbert.workbench.core.task;
