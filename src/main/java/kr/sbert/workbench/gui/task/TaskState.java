package kr.sbert.workbench.gui.task;

/** Life cycle of a background task as the status bar shows it. */
public enum TaskState {
    RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this != RUNNING;
    }
}
