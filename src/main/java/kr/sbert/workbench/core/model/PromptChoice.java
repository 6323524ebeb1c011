package kr.sbert.workbench.core.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which prompt (a prefix such as e5's {@code "query: "}) goes before every text, as
 * sentence-transformers' {@code encode(prompt=…)} / {@code encode(prompt_name=…)} do. With neither
 * given, the folder's {@code default_prompt_name} applies, as in sentence-transformers.
 *
 * @param text the prefix itself ({@code ""} switches a default prompt off); null when not given
 * @param name a key of the folder's {@code prompts}; null when not given
 */
public record PromptChoice(String text, String name) {
    /** No choice: the folder's default prompt, if any. */
    public static final PromptChoice DEFAULT = new PromptChoice(null, null);

    static final String CONFIG_FILE = "config_sentence_transformers.json";
    /** The longest prompt taken, typed or from a folder (e5's are 7 characters, instructions a few hundred). */
    public static final int MAX_CHARS = 1_000;

    public PromptChoice {
        if (text != null && name != null) {
            throw new IllegalArgumentException("give a prompt or a prompt name, not both");
        }
        if (text != null && text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("a prompt is at most " + MAX_CHARS + " characters, got " + text.length());
        }
    }

    /** An explicit prefix. */
    public static PromptChoice text(String text) {
        return new PromptChoice(text, null);
    }

    /** A prompt of the folder's {@code prompts}, by name. */
    public static PromptChoice named(String name) {
        return new PromptChoice(null, name);
    }

    /** The prompts a folder offers ({@code config_sentence_transformers.json}'s {@code prompts}), in file order. */
    public static Map<String, String> offered(Path root) throws MalformedModelException {
        Map<String, String> prompts = new LinkedHashMap<>();
        JsonObject config = config(root);
        if (config.get("prompts") instanceof JsonObject o) {
            for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                if (e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isString()) {
                    String prompt = e.getValue().getAsString();
                    if (prompt.length() > MAX_CHARS) {
                        throw new MalformedModelException(root.resolve(CONFIG_FILE) + ": prompt '"
                                + kr.sbert.workbench.core.UserText.quote(e.getKey()) + "' is " + prompt.length()
                                + " characters long (limit " + MAX_CHARS + ")");
                    }
                    prompts.put(e.getKey(), prompt);
                }
            }
        }
        return prompts;
    }

    /** The prefix this choice gives for a folder; fails when a named prompt is not offered. */
    public String resolve(Path root) throws MalformedModelException {
        if (text != null) {
            return text;
        }
        Map<String, String> prompts = offered(root);
        String wanted = name;
        if (wanted == null) {
            JsonElement d = config(root).get("default_prompt_name");
            wanted = d != null && d.isJsonPrimitive() ? d.getAsString() : null;
            if (wanted == null) {
                return "";
            }
        }
        String prompt = prompts.get(wanted);
        if (prompt == null) {
            throw new MalformedModelException(root.resolve(CONFIG_FILE) + ": no prompt named '"
                    + kr.sbert.workbench.core.UserText.quote(wanted) + "' (" + (prompts.isEmpty() ? "it offers none"
                    : "it offers " + String.join(", ", prompts.keySet())) + ")");
        }
        return prompt;
    }

    private static JsonObject config(Path root) throws MalformedModelException {
        Path file = root.resolve(CONFIG_FILE);
        return ModelFiles.present(file) ? JsonFiles.readObject(file) : new JsonObject();
    }
}
