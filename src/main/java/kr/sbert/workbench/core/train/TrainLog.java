package kr.sbert.workbench.core.train;

import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code train-log.jsonl}: one JSON object a line, flushed as it goes —
 * {@code {"type":"step","step","epoch","lr","loss","grad_norm","time_s"}} per optimizer step and
 * {@code {"type":"eval","step","epoch","pearson_cosine","spearman_cosine"}} per evaluation
 * (NaN is written as {@code null}).
 */
public final class TrainLog implements TrainListener, AutoCloseable {
    private final BufferedWriter out;

    public TrainLog(Path file) throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
    }

    @Override
    public void step(StepRecord s) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "step");
        o.addProperty("step", s.step());
        o.addProperty("epoch", s.epoch());
        number(o, "lr", s.lr());
        number(o, "loss", s.loss());
        number(o, "grad_norm", s.gradNorm());
        number(o, "time_s", s.timeS());
        write(o);
    }

    @Override
    public void evaluated(EvalRecord e) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "eval");
        o.addProperty("step", e.step());
        o.addProperty("epoch", e.epoch());
        number(o, "pearson_cosine", e.pearson());
        number(o, "spearman_cosine", e.spearman());
        write(o);
    }

    private static void number(JsonObject o, String key, double v) {
        if (Double.isFinite(v)) {
            o.addProperty(key, v);
        } else {
            o.add(key, com.google.gson.JsonNull.INSTANCE);
        }
    }

    private void write(JsonObject o) {
        try {
            out.write(o.toString());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
