/**
 * The workbench core: everything a user sees is computed here. Nothing under {@code core}
 * imports JavaFX or picocli; native memory (DJL {@code NDArray}) stays inside {@code core.model}.
 */
package kr.sbert.workbench.core;
