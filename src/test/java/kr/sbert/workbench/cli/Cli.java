package kr.sbert.workbench.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the CLI in-process with captured stdout and stderr (tests only). */
final class Cli {

    /** What one run left behind. */
    record Result(int code, String out, String err) {
        List<JsonObject> jsonLines() {
            List<JsonObject> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(JsonParser.parseString(line).getAsJsonObject());
                }
            }
            return lines;
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        CommandLine cl = WorkbenchCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A {@code .jsonl} input file holding one {@code {"text": ...}} per line. */
    static Path jsonl(Path file, List<String> texts) {
        List<String> lines = new ArrayList<>();
        for (String t : texts) {
            JsonObject o = new JsonObject();
            o.addProperty("text", t);
            lines.add(o.toString());
        }
        try {
            return Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
