package kr.sbert.workbench.gui.pairs;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The pairs table's undo and redo: a list of steps with a cursor, at most {@link #LIMIT} deep
 * (the oldest go first). It also knows which position matches the file as last saved, so the
 * table is "edited" exactly when the cursor is elsewhere — undoing back to the saved state makes
 * it clean again.
 */
final class EditHistory {
    /** Steps kept; each holds at most two lists of row references (a few kB for 1,500 rows). */
    static final int LIMIT = 200;

    /** One undoable change of the table. */
    interface Step {
        /** What it did, for the Edit menu: "deletion of 3 rows". */
        String what();

        void undo();

        void redo();
    }

    private final List<Step> steps = new ArrayList<>();
    private int cursor;
    private int savedAt;
    // Steps dropped from the start (LIMIT): positions given out stay valid.
    private int dropped;
    private final BooleanProperty canUndo = new SimpleBooleanProperty();
    private final BooleanProperty canRedo = new SimpleBooleanProperty();
    private final StringProperty undoText = new SimpleStringProperty("Undo");
    private final StringProperty redoText = new SimpleStringProperty("Redo");
    private final BooleanProperty atSaved = new SimpleBooleanProperty(true);

    /** Adds a step done just now; the steps undone before it can no longer be redone. */
    void record(Step step) {
        while (steps.size() > cursor) {
            steps.remove(steps.size() - 1);
        }
        if (savedAt > cursor) {
            savedAt = -1; // the saved state was among the dropped redo steps: unreachable now
        }
        steps.add(step);
        cursor++;
        if (steps.size() > LIMIT) {
            steps.remove(0);
            cursor--;
            dropped++;
            savedAt = savedAt > 0 ? savedAt - 1 : -1;
        }
        changed();
    }

    /** Undoes the last step; false when there is none. */
    boolean undo() {
        if (cursor == 0) {
            return false;
        }
        steps.get(--cursor).undo();
        changed();
        return true;
    }

    /** Redoes the last undone step; false when there is none. */
    boolean redo() {
        if (cursor == steps.size()) {
            return false;
        }
        steps.get(cursor++).redo();
        changed();
        return true;
    }

    /** The state now is the one in the file. */
    void markSaved() {
        savedAt = cursor;
        changed();
    }

    /** The position now, valid across later steps (for {@link #markSavedAt}). */
    int position() {
        return dropped + cursor;
    }

    /** The position that matches the file, or -1 when none does. */
    int savedPosition() {
        return savedAt < 0 ? -1 : dropped + savedAt;
    }

    /** The state at {@code position} (from {@link #position}) is the one in the file; -1: none is. */
    void markSavedAt(int position) {
        savedAt = position < 0 || position - dropped < 0 ? -1 : position - dropped;
        changed();
    }

    /** Forgets every step; {@code saved} says whether the state now is the one in the file. */
    void reset(boolean saved) {
        steps.clear();
        cursor = 0;
        savedAt = saved ? 0 : -1;
        changed();
    }

    /** Whether the table is as last saved (or opened). */
    ReadOnlyBooleanProperty atSavedProperty() {
        return atSaved;
    }

    ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo;
    }

    ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo;
    }

    /** "Undo deletion of 3 rows", or "Undo" when there is nothing to undo. */
    ReadOnlyStringProperty undoTextProperty() {
        return undoText;
    }

    ReadOnlyStringProperty redoTextProperty() {
        return redoText;
    }

    int depth() {
        return cursor;
    }

    private void changed() {
        canUndo.set(cursor > 0);
        canRedo.set(cursor < steps.size());
        undoText.set(cursor > 0 ? "Undo " + steps.get(cursor - 1).what() : "Undo");
        redoText.set(cursor < steps.size() ? "Redo " + steps.get(cursor).what() : "Redo");
        atSaved.set(cursor == savedAt);
    }
}
