package kr.sbert.workbench.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import kr.sbert.workbench.core.InvalidInputException;

/**
 * Loads an STS file. The encoding is detected ({@link TextEncodingDetector}); the format,
 * unless given, is detected from the extension and the content:
 * content starting with {@code [} → KLUE JSON; {@code .jsonl}/{@code .ndjson} or content starting
 * with <code>{</code> → JSONL (also for {@code .json}: Hugging Face datasets write JSON Lines
 * there); other {@code .json} → KLUE JSON; a first line equal to the KorSTS header →
 * KorSTS TSV; {@code .csv} → CSV; {@code .tsv} → TSV; otherwise a first line with a tab → TSV,
 * with a comma → CSV.
 *
 * <p>A malformed row stops the load with {@code FILE:LINE: reason}; with
 * {@link ReadOptions#skipBadRows()} it is left out and listed in {@link StsDataset#skipped()}.
 */
public final class StsReader {
    /** Larger files are refused before being read (a data set of this size is surely a mistake). */
    static final long MAX_BYTES = kr.sbert.workbench.core.Limits.TEXT_FILE_MAX_BYTES;

    private StsReader() {
    }

    public static StsDataset read(Path file, ReadOptions options) throws InvalidInputException {
        return readWithSource(file, options).dataset();
    }

    /**
     * As {@link #read}, also keeping the file's text and where each pair's record lies in it, so
     * that a save can write the file back with every column, untouched rows byte for byte
     * ({@link StsRewriter}).
     */
    public static StsSource.Loaded readWithSource(Path file, ReadOptions options) throws InvalidInputException {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(name + ": is a directory, not an STS file");
            }
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(name + (Files.exists(file)
                        ? ": not a regular file (a FIFO or device cannot be an STS file)" : ": no such file"));
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new InvalidInputException(name + ": " + size / (1024 * 1024)
                        + " MB is more than the " + MAX_BYTES / (1024 * 1024) + " MB an STS file may have");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read (" + e.getMessage() + ")", e);
        }
        DecodedText decoded = TextEncodingDetector.decode(bytes, name);
        String text = decoded.text();
        StsFormat format = options.format() != null ? options.format() : detectFormat(file, text);
        RowCollector rows = new RowCollector(name, options.skipBadRows());
        switch (format) {
            case KORSTS_TSV -> KorStsTsvParser.parse(text, rows);
            case KLUE_JSON -> KlueJsonParser.parse(text, options.goldField(), rows);
            case JSONL -> JsonlParser.parse(text, options.goldField(), rows);
            case CSV -> DelimitedParser.parse(text, ',', rows);
            case TSV -> DelimitedParser.parse(text, '\t', rows);
            default -> throw new IllegalStateException("unhandled format " + format);
        }
        GoldScale scale = switch (format) {
            case KORSTS_TSV -> GoldScale.ZERO_TO_FIVE;
            // Declared by the KLUE layout, not guessed from values (a small file may hold only 0s and 1s).
            case KLUE_JSON -> options.goldField() == GoldField.BINARY_LABEL ? GoldScale.BINARY : GoldScale.ZERO_TO_FIVE;
            default -> GoldScale.infer(rows.pairs());
        };
        StsDataset dataset = new StsDataset(file, format, decoded.encoding(), scale, rows.pairs(), rows.skipped());
        return new StsSource.Loaded(dataset, new StsSource(file, format, decoded.encoding(), options.goldField(), text,
                rows.pairs(), rows.spans(), rows.firstScoreText()));
    }

    /** The format {@link #read} would pick for this file name and text. */
    public static StsFormat detectFormat(Path file, String text) throws InvalidInputException {
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = fileName.contains(".") ? fileName.substring(fileName.lastIndexOf('.') + 1) : "";
        String trimmed = text.stripLeading();
        boolean delimitedName = ext.equals("csv") || ext.equals("tsv");
        if (trimmed.startsWith("[") && !delimitedName) {
            return StsFormat.KLUE_JSON;
        }
        // Checked before the .json extension: Hugging Face datasets' to_json() writes JSON Lines to .json files.
        if (ext.equals("jsonl") || ext.equals("ndjson") || (trimmed.startsWith("{") && !delimitedName)) {
            return StsFormat.JSONL;
        }
        if (ext.equals("json")) {
            return StsFormat.KLUE_JSON;
        }
        int eol = text.indexOf('\n');
        String firstLine = eol < 0 ? text : text.substring(0, eol);
        if (KorStsTsvParser.isHeader(firstLine)) {
            return StsFormat.KORSTS_TSV;
        }
        if (ext.equals("csv")) {
            return StsFormat.CSV;
        }
        if (ext.equals("tsv") || firstLine.indexOf('\t') >= 0) {
            return StsFormat.TSV;
        }
        if (firstLine.indexOf(',') >= 0) {
            return StsFormat.CSV;
        }
        throw new InvalidInputException(file + ": cannot tell the format (KorSTS TSV, KLUE JSON, CSV, TSV, JSONL);"
                + " name it with --format");
    }
}
