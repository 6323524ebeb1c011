package kr.sbert.workbench.gui.models;

/** Where a model stands, as its row in the models panel shows it. */
public enum ModelState {
    NOT_LOADED("not loaded"),
    NOT_DOWNLOADED("not downloaded"),
    DOWNLOADING("downloading"),
    LOADING("loading"),
    READY("ready"),
    ERROR("error");

    private final String label;

    ModelState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean busy() {
        return this == DOWNLOADING || this == LOADING;
    }
}
