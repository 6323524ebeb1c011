package kr.sbert.workbench.gui.pairs;

import java.util.List;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;

/**
 * Keyboard moves in the pairs table, spreadsheet-style: Enter goes down a row in the same
 * column, Tab (Shift+Tab) to the next (previous) editable cell, wrapping to the next
 * (previous) row. Focus stays in the table.
 */
final class TableNavigation {
    private TableNavigation() {
    }

    /** The editable leaf columns, left to right (sentence 1, sentence 2, gold). */
    static List<TableColumn<PairRow, ?>> editableColumns(TableView<PairRow> table) {
        return table.getVisibleLeafColumns().stream().filter(TableColumn::isEditable).toList();
    }

    /** Focuses (and selects) the cell below {@code row} in {@code column}; edits it when {@code edit}. */
    static void down(TableView<PairRow> table, int row, TableColumn<PairRow, ?> column, boolean edit) {
        int next = Math.min(row + 1, table.getItems().size() - 1);
        focus(table, next, column, edit && next != row);
    }

    /** From the focused cell to the next (previous) editable one; edits it when {@code edit}. */
    static void moveAcross(TableView<PairRow> table, boolean backwards, boolean edit) {
        TablePosition<PairRow, ?> at = table.getFocusModel().getFocusedCell();
        int row = at == null ? -1 : at.getRow();
        across(table, Math.max(row, 0), at == null ? null : at.getTableColumn(), backwards, edit);
    }

    /** From ({@code row}, {@code column}) to the next (previous) editable cell. */
    static void across(TableView<PairRow> table, int row, TableColumn<PairRow, ?> column, boolean backwards,
                       boolean edit) {
        List<TableColumn<PairRow, ?>> cols = editableColumns(table);
        if (cols.isEmpty() || table.getItems().isEmpty()) {
            return;
        }
        int c = column == null ? -1 : cols.indexOf(column);
        int r = row;
        if (c < 0) {
            c = backwards ? cols.size() : -1;
        }
        c += backwards ? -1 : 1;
        if (c >= cols.size()) {
            c = 0;
            r++;
        } else if (c < 0) {
            c = cols.size() - 1;
            r--;
        }
        if (r < 0 || r >= table.getItems().size()) {
            // At either end of the table: stay on the cell (focus stays in the table).
            r = Math.max(0, Math.min(r, table.getItems().size() - 1));
            c = backwards ? 0 : cols.size() - 1;
        }
        focus(table, r, cols.get(c), edit);
    }

    /** Starts editing the focused cell (the first editable column when the focus has none). */
    static void editFocused(TableView<PairRow> table) {
        TablePosition<PairRow, ?> at = table.getFocusModel().getFocusedCell();
        if (at == null || at.getRow() < 0 || table.getItems().isEmpty()) {
            return;
        }
        TableColumn<PairRow, ?> col = at.getTableColumn();
        if (col == null || !col.isEditable()) {
            List<TableColumn<PairRow, ?>> cols = editableColumns(table);
            if (cols.isEmpty()) {
                return;
            }
            col = cols.get(0);
        }
        table.edit(at.getRow(), col);
    }

    /**
     * Scrolls as little as needed for row {@code index} to be fully in view, below the header
     * ({@code TableView.scrollTo} puts the row at the top, where moving down a row made the whole
     * table jump). Falls back to {@code scrollTo} before the table has a skin.
     */
    static void reveal(TableView<?> table, int index) {
        if (index < 0) {
            return;
        }
        if (table.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            flow.scrollTo(index);
        } else {
            table.scrollTo(index);
        }
    }

    private static void focus(TableView<PairRow> table, int row, TableColumn<PairRow, ?> column, boolean edit) {
        table.getSelectionModel().clearAndSelect(row);
        table.getFocusModel().focus(row, column);
        reveal(table, row);
        table.requestFocus();
        if (edit) {
            table.edit(row, column);
        }
    }
}
