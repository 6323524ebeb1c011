package kr.sbert.workbench.cli;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.Limits;
import kr.sbert.workbench.core.UserText;
import kr.sbert.workbench.core.io.BoundedJson;
import kr.sbert.workbench.core.io.BoundedFiles;

/**
 * The texts a command works on: from {@code --input FILE} or from the command line. A
 * {@code .jsonl} file holds one {@code {"text": ...}} object per line (so texts may contain
 * tabs and newlines); any other file holds one text per line, UTF-8 (a BOM is skipped).
 */
final class TextInputs {

    private TextInputs() {
    }

    static List<String> resolve(Path input, List<String> texts) throws InvalidInputException {
        if (input != null && texts != null && !texts.isEmpty()) {
            throw new IllegalArgumentException("give texts either with --input or as arguments, not both");
        }
        if (input != null) {
            return read(input);
        }
        if (texts == null || texts.isEmpty()) {
            throw new IllegalArgumentException("no texts: pass them as arguments or with --input FILE");
        }
        return List.copyOf(texts);
    }

    /**
     * A text as the plain (non-JSON) output shows it: line breaks written as {@code \n} /
     * {@code \r}, so every text keeps to its one line (texts from {@code .jsonl} may hold them),
     * and other control characters made visible ({@code \x1b}: a terminal escape in a file is
     * printed, not obeyed). The JSON output keeps texts as they are.
     */
    static String shownOnOneLine(String text) {
        return UserText.show(text, Integer.MAX_VALUE - 64);
    }

    static List<String> read(Path file) throws InvalidInputException {
        String content = readUtf8(file);
        List<String> lines = content.lines().limit(Limits.TEXTS_MAX + 1L).toList();
        if (lines.size() > Limits.TEXTS_MAX) {
            throw new InvalidInputException(file + ": more than " + Limits.TEXTS_MAX + " lines (the limit for a text"
                    + " input; split the file)");
        }
        List<String> texts = new ArrayList<>();
        boolean jsonl = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jsonl");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!jsonl) {
                texts.add(line);
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            texts.add(jsonText(file, i + 1, line));
        }
        if (texts.isEmpty()) {
            throw new InvalidInputException(file + ": holds no texts");
        }
        return texts;
    }

    private static String jsonText(Path file, int lineNo, String line) throws InvalidInputException {
        try {
            JsonElement e = BoundedJson.parse(line);
            JsonElement text = e.isJsonObject() ? e.getAsJsonObject().get("text") : null;
            if (text == null || !text.isJsonPrimitive() || !text.getAsJsonPrimitive().isString()) {
                throw new InvalidInputException(file + ":" + lineNo + ": expected an object with a string field \"text\"");
            }
            return text.getAsString();
        } catch (BoundedJson.JsonProblem ex) {
            throw new InvalidInputException(file + ":" + lineNo + ": " + ex.getMessage());
        }
    }

    static String readUtf8(Path file) throws InvalidInputException {
        byte[] bytes;
        try {
            bytes = BoundedFiles.read(file, Limits.TEXT_FILE_MAX_BYTES, "a text file");
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (BoundedFiles.RefusedFileException e) {
            throw new InvalidInputException(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + UserText.quote(e.getMessage()) + ")");
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        java.nio.CharBuffer text = java.nio.CharBuffer.allocate(bytes.length - start); // UTF-8 never decodes longer
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        java.nio.charset.CoderResult result = decoder.decode(in, text, true);
        if (!result.isError()) {
            result = decoder.flush(text);
        }
        if (result.isError()) {
            // Name the line, so the user can find e.g. the one EUC-KR line pasted into a UTF-8 file.
            int bad = in.position();
            int line = 1;
            for (int i = start; i < bad; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new InvalidInputException(file + ":" + line + ": not UTF-8 text (byte " + bad
                    + "); save the file as UTF-8");
        }
        return text.flip().toString();
    }
}
