package kr.sbert.workbench.gui.pairs;

import java.util.List;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.data.PastedText;

/**
 * Rows pasted from the clipboard, read by the core's {@link PastedText} (the readers' rules):
 * {@code sentence1 TAB sentence2 [TAB gold]}, the seven KorSTS columns, with or without a header.
 */
public final class PastedRows {
    private PastedRows() {
    }

    /**
     * @throws InvalidInputException naming the pasted line and why it was refused
     */
    public static List<PairRow> parse(String text) throws InvalidInputException {
        return PastedText.parse(text).stream().map(PairRow::of).toList();
    }
}
