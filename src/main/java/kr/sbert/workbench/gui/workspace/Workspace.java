package kr.sbert.workbench.gui.workspace;

import java.util.List;

/**
 * Everything the window restores on the next start.
 *
 * @param pairs          the pairs table as the user left it
 * @param addedModels    models the user added (folders or hub ids), in order
 * @param selectedModels models ticked for comparison
 * @param openedFile     the file the pairs came from, or null
 * @param dirty          whether the pairs were edited since that file was opened or saved
 * @param window         window geometry and split positions, or null
 * @param undoPairs      the table before the last step that removed rows (a deletion, a new
 *                       table, a file opened over it), so that after a restart the removal can
 *                       still be undone; empty when nothing was removed
 */
public record Workspace(List<PairData> pairs, List<String> addedModels, List<String> selectedModels,
                        String openedFile, boolean dirty, WindowLayout window, List<PairData> undoPairs) {

    /** A workspace without undo history (as saved before it was kept). */
    public Workspace(List<PairData> pairs, List<String> addedModels, List<String> selectedModels,
                     String openedFile, boolean dirty, WindowLayout window) {
        this(pairs, addedModels, selectedModels, openedFile, dirty, window, List.of());
    }

    /** One row of the pairs table; {@code gold} may be null. */
    public record PairData(String sentence1, String sentence2, Double gold) {
    }

    /**
     * Window geometry, divider positions of the split panes (outer first), and the view state
     * the user chose: the scatter's score mode ({@code CALIBRATED} / {@code COSINE}) and the
     * active view tab (its title). The last two are null in workspaces saved before they existed.
     */
    public record WindowLayout(double x, double y, double width, double height, boolean maximized,
                               List<Double> dividers, String scoreMode, String activeView) {
    }

    public Workspace {
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
        addedModels = addedModels == null ? List.of() : List.copyOf(addedModels);
        selectedModels = selectedModels == null ? List.of() : List.copyOf(selectedModels);
        undoPairs = undoPairs == null ? List.of() : List.copyOf(undoPairs);
    }
}
