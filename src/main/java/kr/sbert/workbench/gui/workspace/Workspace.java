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
 * @param opened         size and time of the opened file when read, or null
 * @param modelChoices   model id → the pooling and prompt chosen beside it (only models with a choice)
 */
public record Workspace(List<PairData> pairs, List<String> addedModels, List<String> selectedModels,
                        String openedFile, boolean dirty, WindowLayout window, List<PairData> undoPairs,
                        OpenedFile opened, java.util.Map<String, ModelChoiceData> modelChoices) {

    /** A workspace without undo history (as saved before it was kept). */
    public Workspace(List<PairData> pairs, List<String> addedModels, List<String> selectedModels,
                     String openedFile, boolean dirty, WindowLayout window) {
        this(pairs, addedModels, selectedModels, openedFile, dirty, window, List.of(), null, java.util.Map.of());
    }

    /**
     * What the user chose beside a model: a pooling mode label ({@code cls}, {@code mean}, {@code max})
     * or null for the folder's own, and a prompt or null for the folder's default.
     */
    public record ModelChoiceData(String pooling, String prompt) {
    }

    /**
     * One row of the pairs table; {@code gold} may be null; {@code origin} is the index of the
     * record it was read as in the opened file (null for typed rows and older workspaces).
     */
    public record PairData(String sentence1, String sentence2, Double gold, Integer origin) {

        public PairData(String sentence1, String sentence2, Double gold) {
            this(sentence1, sentence2, gold, null);
        }
    }

    /**
     * The opened file as it was when read: a restart re-reads it (for its columns and layout)
     * only when it is unchanged.
     *
     * @param size      its size in bytes
     * @param modified  its last-modified time, ms
     * @param goldField the KLUE gold field it was read with
     */
    public record OpenedFile(long size, long modified, String goldField) {
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
        modelChoices = modelChoices == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(modelChoices));
    }
}
