/**
 * The model hub: model ids and revisions, the cache shared with Python's huggingface_hub,
 * downloads (resume, checksums, locks, offline mode) and the catalog of known KR-SBERT variants.
 */
package kr.sbert.workbench.core.hub;
