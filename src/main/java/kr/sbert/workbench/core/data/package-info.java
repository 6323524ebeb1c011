/**
 * STS data: readers and writers for KorSTS TSV, KLUE-STS JSON and generic CSV/TSV/JSONL,
 * encoding detection (UTF-8 with or without BOM, UTF-16, CP949) and row-level error reports.
 */
package kr.sbert.workbench.core.data;
