package kr.sbert.workbench.core.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.sbert.workbench.core.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Generic CSV (RFC 4180 quoting: a field with commas, quotes or line breaks is wrapped in
 * {@code "}, inner quotes doubled) and TSV (quoting off) with a header row naming the columns
 * ({@link ColumnAliases}). The score column is optional; a score, when given, must be a plain
 * number in 0–5 (the STS scale every metric here assumes).
 * Empty lines are not rows. Line numbers are those of the line where a record starts.
 */
final class DelimitedParser {
    private static final Pattern CSV_LINE = Pattern.compile("(?:startline |line: )(\\d+)");

    private DelimitedParser() {
    }

    // commons-csv says "(startline 3) EOF reached before encapsulated token finished" or "Invalid
    // character between encapsulated token and delimiter at line: 3, position: 23": say it plainly, with the line.
    private static InvalidInputException invalidCsv(String message, RowCollector rows) {
        String m = String.valueOf(message);
        Matcher line = CSV_LINE.matcher(m);
        String what = m.contains("EOF reached before encapsulated token finished")
                ? "a quote opened here is never closed"
                : m.contains("Invalid character between encapsulated token and delimiter")
                ? "text after a closing quote (a \" inside a quoted field must be written \"\")"
                : m;
        return rows.fileError(0, "not valid CSV: " + (line.find() ? "line " + line.group(1) + ": " : "") + what
                + " (this stops the load even with --skip-bad-rows)");
    }

    // A header that is one cell holding the other delimiter was most likely read with the wrong one.
    private static String otherDelimiterHint(List<String> header, char delimiter) {
        if (header.size() != 1) {
            return "";
        }
        if (delimiter == ',' && header.get(0).indexOf('\t') >= 0) {
            return "; the header is tab-separated: try --format tsv";
        }
        if (delimiter == '\t' && header.get(0).indexOf(',') >= 0) {
            return "; the header is comma-separated: try --format csv";
        }
        return "";
    }

    /** The columns that are neither sentence nor score, by header name: slice keys. */
    private static java.util.Map<String, String> extraColumns(List<String> header, CSVRecord r, int... used) {
        java.util.Map<String, String> a = new java.util.LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            final int col = c;
            if (java.util.Arrays.stream(used).noneMatch(u -> u == col) && !header.get(c).isBlank()) {
                a.putIfAbsent(header.get(c).strip(), r.get(c));
            }
        }
        return a;
    }

    // A record runs up to the next one, less the line ends (and empty lines) before it; an
    // unquoted field cannot end in a line break, and a quoted one ends in its quote.
    private static int recordEnd(String text, int start, int nextStart) {
        int end = nextStart;
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    static void parse(String text, char delimiter, RowCollector rows) throws InvalidInputException {
        CSVFormat.Builder builder = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true);
        if (delimiter == '\t') {
            builder.setQuote(null);
        }
        LineIndex lines = new LineIndex(text);
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(builder.get()).get()) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                throw rows.fileError(1, "empty file: expected a header row naming sentence1 and sentence2");
            }
            CSVRecord headerRecord = it.next();
            List<String> header = new ArrayList<>(headerRecord.toList());
            int headerLine = lines.lineOf(headerRecord.getCharacterPosition());
            int c1 = ColumnAliases.find(header, ColumnAliases.SENTENCE1);
            int c2 = ColumnAliases.find(header, ColumnAliases.SENTENCE2);
            int cs = ColumnAliases.find(header, ColumnAliases.SCORE);
            if (c1 < 0 || c2 < 0) {
                throw rows.fileError(headerLine, "header " + RowCollector.shorten(String.join(",", header))
                        + " names no " + (c1 < 0 ? "sentence1" : "sentence2") + " column (accepted: "
                        + String.join(", ", c1 < 0 ? ColumnAliases.SENTENCE1 : ColumnAliases.SENTENCE2) + ")"
                        + otherDelimiterHint(header, delimiter));
            }
            CSVRecord r = it.hasNext() ? it.next() : null;
            while (r != null) {
                CSVRecord next = it.hasNext() ? it.next() : null;
                int start = (int) r.getCharacterPosition();
                rows.span(start, recordEnd(text, start, next == null ? text.length() : (int) next.getCharacterPosition()));
                int line = lines.lineOf(r.getCharacterPosition());
                if (r.size() != header.size()) {
                    rows.reject(line, "expected " + header.size() + " columns, found " + r.size());
                } else {
                    rows.accept(line, r.get(c1), r.get(c2), cs < 0 ? null : r.get(cs),
                            RowCollector.GoldRange.ZERO_TO_FIVE.optional(), extraColumns(header, r, c1, c2, cs));
                }
                r = next;
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            // commons-csv reports e.g. an unclosed quote this way, with its own position.
            throw invalidCsv(e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), rows);
        } catch (IOException e) {
            throw invalidCsv(e.getMessage(), rows);
        }
    }
}
