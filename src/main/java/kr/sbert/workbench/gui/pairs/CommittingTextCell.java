package kr.sbert.workbench.gui.pairs;

import javafx.event.Event;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.util.Callback;
import javafx.util.StringConverter;

/**
 * A text cell that keeps what was typed. JavaFX's {@code TextFieldTableCell} commits only on
 * Enter: clicking another row or a button, or tabbing away, silently drops the typed text.
 * This cell commits in all those cases; only Escape discards the edit. The commit goes
 * through the column's edit-commit handler, so validation (e.g. of gold) still applies.
 */
final class CommittingTextCell<T> extends TableCell<PairRow, T> {
    private final StringConverter<T> converter;
    private TextField field;
    /** The row being edited (the cell may be moved to another row before the edit ends). */
    private PairRow editedRow;
    private boolean escaped;
    private boolean committing;

    CommittingTextCell(StringConverter<T> converter) {
        this.converter = converter;
    }

    static <T> Callback<TableColumn<PairRow, T>, TableCell<PairRow, T>> forColumn(StringConverter<T> converter) {
        return column -> new CommittingTextCell<>(converter);
    }

    @Override
    public void startEdit() {
        super.startEdit();
        if (!isEditing()) {
            return;
        }
        editedRow = getTableRow() == null ? null : getTableRow().getItem();
        escaped = false;
        if (field == null) {
            field = new TextField();
            field.setOnAction(e -> {
                // Enter: commit and go down a row in this column, focus staying in the table.
                Move m = moveFrom();
                commitTyped();
                e.consume();
                if (m != null) {
                    TableNavigation.down(m.table(), m.table().getItems().indexOf(m.row()), m.column(), false);
                }
            });
            field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    escaped = true;
                    cancelEdit();
                    getTableView().requestFocus();
                    e.consume();
                } else if (e.getCode() == KeyCode.TAB) {
                    // Tab: commit and edit the next cell (Shift+Tab: the previous one).
                    Move m = moveFrom();
                    commitTyped();
                    e.consume();
                    if (m != null) {
                        TableNavigation.across(m.table(), m.table().getItems().indexOf(m.row()), m.column(),
                                e.isShiftDown(), true);
                    }
                }
            });
            field.focusedProperty().addListener((o, was, now) -> {
                if (!now && isEditing()) {
                    commitTyped();
                }
            });
        }
        field.setText(converter.toString(getItem()));
        setText(null);
        setGraphic(field);
        field.selectAll();
        field.requestFocus();
    }

    /** Where a keyboard move starts: the edited row (by item: a commit may re-sort) and column. */
    private record Move(TableView<PairRow> table, PairRow row, TableColumn<PairRow, ?> column) {
    }

    private Move moveFrom() {
        TableView<PairRow> table = getTableView();
        PairRow row = editedRow != null ? editedRow : getTableRow() == null ? null : getTableRow().getItem();
        return table == null || row == null || getTableColumn() == null ? null : new Move(table, row, getTableColumn());
    }

    private void commitTyped() {
        if (!committing && isEditing()) {
            committing = true;
            try {
                commitEdit(converter.fromString(field.getText()));
            } finally {
                committing = false;
            }
        }
    }

    @Override
    public void cancelEdit() {
        if (!isEditing()) {
            super.cancelEdit();
            return;
        }
        String typed = field == null ? null : field.getText();
        PairRow row = editedRow;
        boolean keep = !escaped && !committing && typed != null && row != null;
        super.cancelEdit();
        showValue(getItem(), isEmpty());
        editedRow = null;
        if (keep && !typed.equals(converter.toString(valueOf(row)))) {
            // The table ended the edit (another cell was clicked): commit the text to the row
            // it was typed into, by the column's handler.
            TableView<PairRow> table = getTableView();
            TableColumn<PairRow, T> column = getTableColumn();
            int index = table == null ? -1 : table.getItems().indexOf(row);
            if (index >= 0 && column != null) {
                Event.fireEvent(column, new TableColumn.CellEditEvent<>(table, new TablePosition<>(table, index, column),
                        TableColumn.editCommitEvent(), converter.fromString(typed)));
            }
        }
    }

    private T valueOf(PairRow row) {
        TableColumn<PairRow, T> column = getTableColumn();
        return column == null ? null : column.getCellObservableValue(row) == null ? null
                : column.getCellObservableValue(row).getValue();
    }

    @Override
    public void commitEdit(T value) {
        committing = true;
        try {
            super.commitEdit(value);
        } finally {
            committing = false;
        }
        editedRow = null;
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        if (isEditing() && field != null && !empty) {
            setText(null);
            setGraphic(field);
        } else {
            showValue(item, empty);
        }
    }

    private void showValue(T item, boolean empty) {
        setGraphic(null);
        String text = empty ? null : converter.toString(item);
        setText(text);
        // Long sentences are elided in the cell: the full text on hover.
        if (text == null || text.isEmpty()) {
            setTooltip(null);
        } else {
            if (getTooltip() == null) {
                Tooltip t = new Tooltip();
                t.setWrapText(true);
                t.setMaxWidth(600);
                setTooltip(t);
            }
            getTooltip().setText(text);
        }
    }
}
