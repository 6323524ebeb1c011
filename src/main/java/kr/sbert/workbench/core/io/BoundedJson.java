package kr.sbert.workbench.core.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import kr.sbert.workbench.core.Limits;

/**
 * Parses JSON into Gson's tree like {@code JsonParser.parseString} does (lenient, the same
 * element types, later duplicate keys win) but within budgets: nesting depth
 * ({@link Limits#JSON_MAX_DEPTH}), number of values ({@link Limits#JSON_MAX_VALUES} unless
 * given) and length of a number literal ({@link Limits#JSON_MAX_NUMBER_CHARS}). The parse is
 * iterative, so no input can overflow the stack, and errors are one line without a Java class
 * name (the caller prefixes the file name).
 */
public final class BoundedJson {

    /** Malformed or over-budget JSON; the message says where ("line 3 column 7") and what. */
    public static final class JsonProblem extends Exception {
        public JsonProblem(String message) {
            super(message);
        }
    }

    /**
     * Receives the members of a streamed object one at a time (see {@link #parse(String, int, List, MemberSink)}),
     * so a 500,000-entry vocabulary never becomes a tree. Each value is a string, number, boolean
     * or null ({@code value} is null for JSON null); the sink may refuse it.
     */
    public interface MemberSink {
        /** The streamed object begins (it may have no members). */
        default void begin() {
        }

        void member(String name, JsonPrimitive value) throws JsonProblem;
    }

    private BoundedJson() {
    }

    /** Parses with the default value budget. */
    public static JsonElement parse(String text) throws JsonProblem {
        return parse(text, Limits.JSON_MAX_VALUES);
    }

    /** Parses a whole document; trailing non-whitespace is an error. */
    public static JsonElement parse(String text, int maxValues) throws JsonProblem {
        return parse(text, maxValues, List.of(), null);
    }

    /**
     * As {@link #parse(String, int)}, but the object at {@code streamedPath} (member names from
     * the root, e.g. {@code model}, {@code vocab}) is handed member by member to {@code sink}
     * instead of being built, and left out of the tree; it may hold no arrays or objects. Every
     * budget still applies to its members.
     *
     * @return the tree; it has no member at {@code streamedPath} when the object was streamed
     *         (a value there that is not an object is kept in the tree as usual)
     */
    public static JsonElement parse(String text, int maxValues, List<String> streamedPath, MemberSink sink)
            throws JsonProblem {
        return parse(text, maxValues, streamedPath, sink, Strictness.LENIENT);
    }

    /**
     * As {@link #parse(String, int)} for a format that is JSON and nothing else (RFC 8259, as
     * Rust's serde_json writes it): single quotes, unquoted keys or values, comments, a BOM, NaN
     * and the like are refused, not guessed at.
     */
    public static JsonElement parseStrict(String text, int maxValues) throws JsonProblem {
        return parse(text, maxValues, List.of(), null, Strictness.STRICT);
    }

    private static JsonElement parse(String text, int maxValues, List<String> streamedPath, MemberSink sink,
                                     Strictness strictness) throws JsonProblem {
        if (strictness != Strictness.STRICT && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        JsonReader in = new JsonReader(new StringReader(text));
        in.setStrictness(strictness);
        try {
            JsonElement root = read(in, maxValues, streamedPath, sink);
            if (in.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonProblem("not valid JSON: more data after the document" + where(in));
            }
            return root;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new JsonProblem("not valid JSON: " + firstLine(e.getMessage()));
        } catch (StackOverflowError e) {
            throw new JsonProblem("not valid JSON: nested too deeply");
        }
    }

    private static JsonElement read(JsonReader in, int maxValues, List<String> streamedPath, MemberSink sink)
            throws IOException, JsonProblem {
        Deque<JsonElement> open = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        JsonElement root = null;
        long values = 0;
        // how many leading levels of the open path are objects whose member names follow streamedPath
        int onPath = 0;
        while (true) {
            JsonToken token = in.peek();
            if (token == JsonToken.END_DOCUMENT) {
                if (root == null) {
                    throw new JsonProblem("not valid JSON: the text is empty");
                }
                throw new JsonProblem("not valid JSON: the text ends inside a value");
            }
            String name = null;
            if (token == JsonToken.NAME) {
                name = in.nextName();
                token = in.peek();
            }
            if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT) {
                if (token == JsonToken.END_ARRAY) {
                    in.endArray();
                } else {
                    in.endObject();
                }
                JsonElement done = open.pop();
                onPath = Math.min(onPath, open.size());
                if (open.isEmpty()) {
                    return done;
                }
                add(open.peek(), open.peek().isJsonObject() ? names.pop() : null, done);
                continue;
            }
            if (++values > maxValues) {
                throw new JsonProblem("more than " + maxValues + " values (the limit for this file)" + where(in));
            }
            boolean parentOnPath = !open.isEmpty() && onPath == open.size() && open.peek().isJsonObject();
            boolean nextOnPath = open.isEmpty() || (parentOnPath && open.size() <= streamedPath.size()
                    && streamedPath.get(open.size() - 1).equals(name));
            if (sink != null && token == JsonToken.BEGIN_OBJECT && nextOnPath && open.size() == streamedPath.size()
                    && !streamedPath.isEmpty()) {
                values = stream(in, sink, values, maxValues);
                continue;
            }
            JsonElement value;
            switch (token) {
                case BEGIN_ARRAY -> {
                    in.beginArray();
                    value = new JsonArray();
                }
                case BEGIN_OBJECT -> {
                    in.beginObject();
                    value = new JsonObject();
                }
                case STRING, NUMBER, BOOLEAN, NULL -> value = primitive(in, token);
                default -> throw new JsonProblem("not valid JSON: unexpected " + token + where(in));
            }
            if (value.isJsonArray() || value.isJsonObject()) {
                if (open.size() >= Limits.JSON_MAX_DEPTH) {
                    throw new JsonProblem("nested more than " + Limits.JSON_MAX_DEPTH + " levels deep" + where(in));
                }
                if (!open.isEmpty() && open.peek().isJsonObject()) {
                    names.push(name);
                }
                open.push(value);
                if (nextOnPath && value.isJsonObject() && onPath == open.size() - 1) {
                    onPath = open.size();
                }
                continue;
            }
            if (open.isEmpty()) {
                return value;
            }
            add(open.peek(), name, value);
        }
    }

    /** Reads one flat object into the sink; returns the values counted so far. */
    private static long stream(JsonReader in, MemberSink sink, long values, int maxValues)
            throws IOException, JsonProblem {
        in.beginObject();
        sink.begin();
        while (in.hasNext()) {
            String name = in.nextName();
            if (++values > maxValues) {
                throw new JsonProblem("more than " + maxValues + " values (the limit for this file)" + where(in));
            }
            JsonToken token = in.peek();
            if (token == JsonToken.BEGIN_ARRAY || token == JsonToken.BEGIN_OBJECT) {
                throw new JsonProblem("member '" + kr.sbert.workbench.core.UserText.quote(name)
                        + "' holds " + (token == JsonToken.BEGIN_ARRAY ? "an array" : "an object")
                        + " where a plain value belongs" + where(in));
            }
            JsonElement value = primitive(in, token);
            sink.member(name, value.isJsonNull() ? null : value.getAsJsonPrimitive());
        }
        in.endObject();
        return values;
    }

    /** A string, number (its literal within the length budget), boolean or null, as Gson's tree holds it. */
    private static JsonElement primitive(JsonReader in, JsonToken token) throws IOException, JsonProblem {
        switch (token) {
            case STRING -> {
                return new JsonPrimitive(in.nextString());
            }
            case NUMBER -> {
                String literal = in.nextString();
                if (literal.length() > Limits.JSON_MAX_NUMBER_CHARS) {
                    throw new JsonProblem("a number of " + literal.length() + " characters (limit "
                            + Limits.JSON_MAX_NUMBER_CHARS + ")" + where(in));
                }
                return new JsonPrimitive(new LazilyParsedNumber(literal));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(in.nextBoolean());
            }
            default -> {
                in.nextNull();
                return JsonNull.INSTANCE;
            }
        }
    }

    /**
     * A JSON value as a message shows it, without rendering a large or deep tree: a primitive
     * as written (made visible, cut), an array or object by its kind and size.
     */
    public static String describe(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonArray()) {
            return "an array of " + e.getAsJsonArray().size() + " values";
        }
        if (e.isJsonObject()) {
            return "an object of " + e.getAsJsonObject().size() + " members";
        }
        return kr.sbert.workbench.core.UserText.quote(e.toString());
    }

    private static void add(JsonElement parent, String name, JsonElement value) {
        if (parent instanceof JsonArray a) {
            a.add(value);
        } else {
            ((JsonObject) parent).add(name, value);
        }
    }

    private static String where(JsonReader in) {
        String s = in.toString(); // "JsonReader at line 3 column 7 path $.a"
        int at = s.indexOf(" at line ");
        if (at < 0) {
            return "";
        }
        int path = s.indexOf(" path ", at);
        return s.substring(at, path < 0 ? s.length() : path);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        // Gson names its own setter where a strict reader meets something lenient: say what it means
        line = line.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
                "not strict JSON (single quotes, unquoted names or values, comments, NaN)");
        int path = line.indexOf(" path ");
        return kr.sbert.workbench.core.UserText.quote(path < 0 ? line : line.substring(0, path));
    }
}
