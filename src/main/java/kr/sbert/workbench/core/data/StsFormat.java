package kr.sbert.workbench.core.data;

import java.util.Locale;
import java.util.Optional;

/** The STS file layouts the reader understands. */
public enum StsFormat {
    /** KorSTS: 7 tab-separated columns {@code genre filename year id score sentence1 sentence2}, quoting off. */
    KORSTS_TSV("korsts"),
    /** KLUE-STS: a JSON array of objects with {@code sentence1}, {@code sentence2} and {@code labels}. */
    KLUE_JSON("klue"),
    /** Comma-separated with a header row, RFC 4180 quoting. */
    CSV("csv"),
    /** Tab-separated with a header row, quoting off (sentences may hold {@code "}). */
    TSV("tsv"),
    /** One JSON object per line. */
    JSONL("jsonl");

    private final String cliName;

    StsFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line ({@code --format korsts}). */
    public String cliName() {
        return cliName;
    }

    /** Parses a command-line name or the enum constant's name, case-insensitively ({@code json} is {@code klue}). */
    public static Optional<StsFormat> parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("json")) {
            return Optional.of(KLUE_JSON);
        }
        for (StsFormat f : values()) {
            if (f.cliName.equals(n) || f.name().toLowerCase(Locale.ROOT).equals(n)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
