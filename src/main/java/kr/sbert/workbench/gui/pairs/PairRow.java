package kr.sbert.workbench.gui.pairs;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import kr.sbert.workbench.core.data.SentencePair;

/** One editable row of the pairs table, with the scores of the last scoring run. */
public final class PairRow {
    /** Property names, as {@code getName()} gives them (undo says which cell changed). */
    public static final String SENTENCE1 = "sentence 1";
    public static final String SENTENCE2 = "sentence 2";
    public static final String GOLD = "gold";

    // Named and with this row as their bean: one listener can tell which row and cell changed.
    private final StringProperty sentence1 = new SimpleStringProperty(this, SENTENCE1, "");
    private final StringProperty sentence2 = new SimpleStringProperty(this, SENTENCE2, "");
    private final ObjectProperty<Double> gold = new SimpleObjectProperty<>(this, GOLD);
    private final ObservableMap<String, PairScore> scores = FXCollections.observableHashMap();
    private java.util.Map<String, String> attributes;
    private int origin;

    public PairRow(String s1, String s2, Double gold) {
        this(s1, s2, gold, java.util.Map.of());
    }

    /** @param attributes the file's other columns for this row (slice keys), see {@link SentencePair#attributes()} */
    public PairRow(String s1, String s2, Double gold, java.util.Map<String, String> attributes) {
        this(s1, s2, gold, attributes, -1);
    }

    /**
     * @param attributes the file's other columns for this row (slice keys)
     * @param origin     the index of the record it was read as in the opened file, -1 for a row
     *                   typed or pasted (saving writes an untouched row back as it was)
     */
    public PairRow(String s1, String s2, Double gold, java.util.Map<String, String> attributes, int origin) {
        this.origin = origin;
        sentence1.set(s1 == null ? "" : s1);
        sentence2.set(s2 == null ? "" : s2);
        this.gold.set(gold);
        this.attributes = attributes == null || attributes.isEmpty() ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    public static PairRow of(SentencePair p) {
        return new PairRow(p.sentence1(), p.sentence2(), p.gold(), p.attributes());
    }

    /** A row read as record {@code origin} of the opened file. */
    public static PairRow of(SentencePair p, int origin) {
        return new PairRow(p.sentence1(), p.sentence2(), p.gold(), p.attributes(), origin);
    }

    /** The index of the record this row was read as in the opened file, or -1. */
    public int origin() {
        return origin;
    }

    /**
     * Ties the row to record {@code origin} of the opened file again, with that record's other
     * columns: a workspace restored after a restart, or a file just written and read back.
     */
    public void attachOrigin(int origin, java.util.Map<String, String> attributes) {
        this.origin = origin;
        this.attributes = attributes == null || attributes.isEmpty() ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    public SentencePair toPair(int line) {
        return new SentencePair(sentence1.get(), sentence2.get(), gold.get(), line, attributes);
    }

    /** The file's other columns for this row (genre, source, …): the keys of slices. */
    public java.util.Map<String, String> attributes() {
        return attributes;
    }

    public StringProperty sentence1Property() {
        return sentence1;
    }

    public StringProperty sentence2Property() {
        return sentence2;
    }

    public ObjectProperty<Double> goldProperty() {
        return gold;
    }

    public String sentence1() {
        return sentence1.get();
    }

    public String sentence2() {
        return sentence2.get();
    }

    public Double gold() {
        return gold.get();
    }

    /** Model id → score, filled by the last scoring run. */
    public ObservableMap<String, PairScore> scores() {
        return scores;
    }

    /** |0–5 prediction − gold| for a model, or null when either is missing. */
    public Double absError(String model) {
        PairScore s = scores.get(model);
        return s == null || gold.get() == null ? null : Math.abs(s.scaled() - gold.get());
    }

    /** |0–5 prediction of a − that of b|, or null when either is missing. */
    public Double disagreement(String a, String b) {
        PairScore sa = scores.get(a);
        PairScore sb = scores.get(b);
        return sa == null || sb == null ? null : Math.abs(sa.scaled() - sb.scaled());
    }

    @Override
    public String toString() {
        return sentence1.get() + " | " + sentence2.get();
    }
}
