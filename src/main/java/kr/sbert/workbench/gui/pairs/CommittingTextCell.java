package kr.sbert.workbench.gui.pairs;

import javafx.event.Event;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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
                commitTyped();
                e.consume();
            });
            field.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    escaped = true;
                    cancelEdit();
                    e.consume();
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
        setText(empty ? null : converter.toString(item));
    }
}
