/**
 * Bounded reading of untrusted bytes: files read only when regular and within a byte budget
 * ({@link kr.sbert.workbench.core.io.BoundedFiles}), JSON parsed within depth, value-count and
 * number-length budgets ({@link kr.sbert.workbench.core.io.BoundedJson}). The budgets themselves
 * live in {@link kr.sbert.workbench.core.Limits}.
 */
package kr.sbert.workbench.core.io;
