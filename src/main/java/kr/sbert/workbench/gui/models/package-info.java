/**
 * The models panel: catalog variants, baselines and added models, each with a checkbox, a
 * state (not downloaded / downloading / loading / ready / error) and its facts.
 */
package kr.sbert.workbench.gui.models;
