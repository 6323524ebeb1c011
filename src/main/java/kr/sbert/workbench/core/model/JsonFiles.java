package kr.sbert.workbench.core.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import kr.sbert.workbench.core.Limits;
import kr.sbert.workbench.core.UserText;
import kr.sbert.workbench.core.io.BoundedFiles;
import kr.sbert.workbench.core.io.BoundedJson;

/** Reads the small JSON files of a model folder with errors that name the file and the field. */
final class JsonFiles {
    private JsonFiles() {
    }

    static JsonElement read(Path file) throws MalformedModelException {
        return read(file, Limits.CONFIG_MAX_BYTES, "a config file");
    }

    /**
     * Reads a JSON file within {@code maxBytes} and the JSON budgets of {@link BoundedJson};
     * refuses anything but a regular file (a FIFO would block for ever, a device never ends).
     */
    static JsonElement read(Path file, long maxBytes, String what) throws MalformedModelException {
        try {
            return BoundedJson.parse(BoundedFiles.readUtf8(file, maxBytes, what));
        } catch (BoundedJson.JsonProblem e) {
            throw new MalformedModelException(file + ": " + e.getMessage(), e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MalformedModelException(file + ": missing", e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedModelException(file + ": not UTF-8 text", e);
        } catch (BoundedFiles.RefusedFileException e) {
            throw new MalformedModelException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedModelException(file + ": cannot read (" + UserText.quote(e.getMessage()) + ")", e);
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
                throw new MalformedModelException(file + ": field '" + key + "' must be a non-negative integer, got " + BoundedJson.describe(e));
            }
            return (int) d;
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException ex) {
            throw new MalformedModelException(file + ": field '" + key + "' must be a number, got " + BoundedJson.describe(e));
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
            throw new MalformedModelException(file + ": field '" + key + "' must be a number, got " + BoundedJson.describe(e));
        }
    }

    static boolean boolField(JsonObject o, String key, boolean fallback, Path file) throws MalformedModelException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new MalformedModelException(file + ": field '" + key + "' must be true or false, got " + BoundedJson.describe(e));
        }
        return e.getAsBoolean();
    }

    static String stringField(JsonObject o, String key, String fallback) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? fallback : e.getAsString();
    }
}
