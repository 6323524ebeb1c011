package kr.sbert.workbench.gui.vocab;

import java.util.List;

/**
 * One statistic across the models.
 *
 * @param statistic its name
 * @param values    one formatted value per model, in column order
 */
public record VocabRow(String statistic, List<String> values) {

    public VocabRow {
        values = List.copyOf(values);
    }
}
