/**
 * The JavaFX workbench window. Views are FXML files beside their controllers (under {@code
 * src/main/resources}, same package); controllers only bind to view models; view models hold
 * state as properties, have no {@code Node}s and reach the core through {@code gui.service}.
 */
package kr.sbert.workbench.gui;
