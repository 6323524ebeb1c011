package kr.sbert.workbench.gui.scatter;

/** What the scatter's y axis shows. */
public enum YAxisMode {
    /** The 0–5 prediction (calibrated out-of-fold against gold; the label stays short so it fits a short chart). */
    CALIBRATED("prediction (0–5)"),
    /** The raw cosine similarity. */
    COSINE("cosine");

    private final String axisLabel;

    YAxisMode(String axisLabel) {
        this.axisLabel = axisLabel;
    }

    public String axisLabel() {
        return axisLabel;
    }
}
