package kr.sbert.workbench.core.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the small JSON files of a model folder with errors that name the file and the field. */
final class JsonFiles {
    private static final long MAX_CONFIG_BYTES = 16L << 20;

    private JsonFiles() {
    }

    static JsonElement read(Path file) throws MalformedModelException {
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new MalformedModelException(file + ": larger than 16 MB, not a config file");
            }
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw new MalformedModelException(file + ": not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MalformedModelException(file + ": missing", e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedModelException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new MalformedModelException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    static JsonObject readObject(Path file) throws MalformedModelException {
        JsonElement e = read(file);
        if (!e.isJsonObject()) {
            throw new MalformedModelException(file + ": expected a JSON object");
        }
        return e.getAsJsonObject();
    }

    static int intField(JsonObject o, String key, int fallback, Path file) throws MalformedModelException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        try {
            double d = e.getAsDouble();
            if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new MalformedModelException(file + ": field '" + key + "' must be a non-negative integer, got " + e);
            }
            return (int) d;
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException ex) {
            throw new MalformedModelException(file + ": field '" + key + "' must be a number, got " + e);
        }
    }

    static int requiredInt(JsonObject o, String key, Path file) throws MalformedModelException {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            throw new MalformedModelException(file + ": missing field '" + key + "'");
        }
        return intField(o, key, 0, file);
    }

    static double doubleField(JsonObject o, String key, double fallback, Path file) throws MalformedModelException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        try {
            return e.getAsDouble();
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException ex) {
            throw new MalformedModelException(file + ": field '" + key + "' must be a number, got " + e);
        }
    }

    static boolean boolField(JsonObject o, String key, boolean fallback, Path file) throws MalformedModelException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new MalformedModelException(file + ": field '" + key + "' must be true or false, got " + e);
        }
        return e.getAsBoolean();
    }

    static String stringField(JsonObject o, String key, String fallback) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? fallback : e.getAsString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
