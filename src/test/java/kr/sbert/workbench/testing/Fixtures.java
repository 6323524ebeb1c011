package kr.sbert.workbench.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Paths into {@code ../shared} and the expectations stored there (tests only). */
public final class Fixtures {
    private static JsonObject tinyExpected;

    private Fixtures() {
    }

    /** The shared folder beside the project; tests that need it are skipped, visibly, without it. */
    public static Path shared() {
        String dir = System.getProperty("shared.dir", "../shared");
        Path p = Path.of(dir);
        assumeTrue(Files.isDirectory(p), "../shared is not beside the project: " + p.toAbsolutePath());
        return p;
    }

    public static Path tinyModel() {
        return shared().resolve("fixtures/tiny-kr-sbert");
    }

    public static synchronized JsonObject tinyExpected() {
        if (tinyExpected == null) {
            tinyExpected = readJson(shared().resolve("fixtures/tiny-kr-sbert.expected.json")).getAsJsonObject();
        }
        return tinyExpected;
    }

    /** The fixture's sentences, by id. */
    public static List<JsonObject> tinySentences() {
        List<JsonObject> list = new ArrayList<>();
        for (JsonElement e : tinyExpected().getAsJsonArray("sentences")) {
            list.add(e.getAsJsonObject());
        }
        return list;
    }

    public static JsonElement readJson(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static float[] floats(JsonArray a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = a.get(i).getAsFloat();
        }
        return f;
    }

    public static long[] longs(JsonArray a) {
        long[] l = new long[a.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = a.get(i).getAsLong();
        }
        return l;
    }

    public static List<String> strings(JsonArray a) {
        List<String> s = new ArrayList<>();
        a.forEach(e -> s.add(e.getAsString()));
        return s;
    }

    /**
     * Copies a model folder into {@code target}, leaving out the named files (e.g. one of the
     * two weight files), so a test can pin which file is read.
     */
    public static Path copyModel(Path source, Path target, String... leaveOut) {
        List<String> skip = List.of(leaveOut);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = source.relativize(f);
                if (skip.contains(rel.toString())) {
                    continue;
                }
                Path dest = target.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest);
                    dest.toFile().setWritable(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
