package kr.sbert.workbench.core.eval;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.data.SentencePair;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The per-pair predictions file ({@code eval --out}, the window's <em>Save predictions…</em>):
 * UTF-8 CSV without BOM, one row per pair in input order: {@code sentence1, sentence2, gold},
 * then per model {@code <model>_cosine} (the raw similarity) and {@code <model>_score} (the 0–5
 * prediction), at full precision so metrics recomputed from the file match the report.
 */
public final class PredictionsCsv {
    private PredictionsCsv() {
    }

    /**
     * One model's column pair.
     *
     * @param model  model id, the column prefix
     * @param cosine similarity per pair
     * @param score  0–5 prediction per pair (non-finite: written empty)
     */
    public record Column(String model, double[] cosine, double[] score) {
        /** The columns of an evaluation: its cosines and its calibrated scores. */
        public static Column of(EvaluationResult r) {
            return new Column(r.model(), r.cosine(), r.score());
        }
    }

    /** Writes the file, replacing any old one. */
    public static void write(Path file, List<SentencePair> pairs, List<Column> columns) throws InvalidInputException {
        List<String> header = new ArrayList<>(List.of("sentence1", "sentence2", "gold"));
        for (Column c : columns) {
            if (c.cosine().length != pairs.size() || c.score().length != pairs.size()) {
                throw new IllegalArgumentException(c.model() + ": " + c.cosine().length + " cosines and "
                        + c.score().length + " scores for " + pairs.size() + " pairs");
            }
            header.add(c.model() + "_cosine");
            header.add(c.model() + "_score");
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            csv.printRecord(header);
            for (int i = 0; i < pairs.size(); i++) {
                SentencePair p = pairs.get(i);
                List<Object> row = new ArrayList<>(List.of(p.sentence1(), p.sentence2(),
                        p.hasGold() ? Double.toString(p.gold()) : ""));
                for (Column c : columns) {
                    row.add(Double.toString(c.cosine()[i]));
                    // Full precision, like the cosine: rounding could move a score across 3.0 and make
                    // F1 or MSE recomputed from this file differ from the reported ones.
                    row.add(Double.isFinite(c.score()[i]) ? Double.toString(c.score()[i]) : "");
                }
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
