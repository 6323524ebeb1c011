package kr.sbert.workbench.gui.models;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** The questions the models panel asks before doing something costly. */
public final class ModelDialogs {
    /** The button that starts the download. */
    public static final String DOWNLOAD = "Download";

    private ModelDialogs() {
    }

    /** The button that loads a model although it may not fit in memory. */
    public static final String LOAD_ANYWAY = "Load anyway";

    /** Asks whether to load a model that needs more memory than is free (see {@link MemoryCheck}); true = load. */
    public static boolean confirmMemory(Window owner, ModelEntry entry) {
        String warning = MemoryCheck.warning(entry);
        if (warning == null) {
            return true;
        }
        ButtonType load = new ButtonType(LOAD_ANYWAY, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.WARNING, warning, load, ButtonType.CANCEL);
        alert.setTitle("Not enough free memory");
        alert.setHeaderText("Load " + entry.id() + "?");
        alert.initOwner(owner);
        alert.getDialogPane().setMaxWidth(600);
        return alert.showAndWait().filter(b -> b == load).isPresent();
    }

    /** Asks whether to download a catalog variant, naming its size; true = download. */
    public static boolean confirmDownload(Window owner, ModelEntry entry) {
        ButtonType download = new ButtonType(DOWNLOAD, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", download, ButtonType.CANCEL);
        alert.setTitle("Download a model");
        alert.setHeaderText("Download " + entry.id() + (entry.size().isEmpty() ? "?" : " (" + entry.size() + ")?"));
        alert.setContentText((entry.size().isEmpty() ? "Its size is not known." : entry.size() + " will be downloaded")
                + " into the Hugging Face cache (shared with Python tools); progress and Cancel show in its row.");
        alert.initOwner(owner);
        return alert.showAndWait().filter(b -> b == download).isPresent();
    }
}
