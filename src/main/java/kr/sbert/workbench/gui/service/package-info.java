/**
 * What the window asks of the core, as a few small interfaces ({@link
 * kr.sbert.workbench.gui.service.WorkbenchBackend}) with one implementation over the real
 * core. View models depend on these interfaces only; every number they show comes from the core.
 */
package kr.sbert.workbench.gui.service;
