package kr.sbert.workbench.gui.models;

/** Where a model row comes from. */
public enum ModelKind {
    /** A lexical baseline built into the core. */
    BASELINE,
    /** A known variant from the catalog. */
    CATALOG,
    /** A folder or hub id the user added. */
    ADDED
}
