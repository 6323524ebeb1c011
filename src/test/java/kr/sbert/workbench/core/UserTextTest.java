package kr.sbert.workbench.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Messages show what a file or server sent without letting it drive the terminal. */
class UserTextTest {

    @Test
    void controlCharactersAndBidiOverridesBecomeVisible() {
        assertThat(UserText.line("a\u001b[31mb\u0007c\nd\re\tf\u0085g\u202eh\u2066i"))
                .isEqualTo("a\\x1b[31mb\\x07c\\nd\\re\\tf\\x85g\\u202eh\\u2066i");
        assertThat(UserText.line("잠이 옵니다")).isEqualTo("잠이 옵니다");
    }

    @Test
    void longTextIsCutSayingHowMuchIsLeft() {
        String cut = UserText.line("x".repeat(10_000));
        int kept = Limits.MESSAGE_MAX_CHARS - 37;
        assertThat(cut).isEqualTo("x".repeat(kept) + "… (" + (10_000 - kept) + " more characters)");
        assertThat(cut.length()).isLessThanOrEqualTo(Limits.MESSAGE_MAX_CHARS);
        // escapes count as what is shown: a line of control characters is cut as short
        assertThat(UserText.line("\u0007".repeat(1_000)).length()).isLessThanOrEqualTo(Limits.MESSAGE_MAX_CHARS);
        // exactly at the limit nothing is cut
        assertThat(UserText.line("y".repeat(Limits.MESSAGE_MAX_CHARS))).isEqualTo("y".repeat(Limits.MESSAGE_MAX_CHARS));
    }

    @Test
    void failuresAreWordedWithoutJavaClassNames() {
        assertThat(UserText.of(new WorkbenchException("config.json: missing"))).isEqualTo("config.json: missing");
        assertThat(UserText.of(new IllegalArgumentException("--batch-size must be at least 1")))
                .isEqualTo("--batch-size must be at least 1");
        assertThat(UserText.of(new NumberFormatException("For input string: \"abc\"")))
                .startsWith("internal error");
        assertThat(UserText.of(new StackOverflowError())).startsWith("internal error: an input nests too deeply");
        assertThat(UserText.of(new OutOfMemoryError("Java heap space"))).startsWith("internal error: out of memory");
        assertThat(UserText.of(new java.nio.file.NoSuchFileException("/x/y"))).isEqualTo("/x/y: no such file");
        assertThat(UserText.of(new NullPointerException("Cannot invoke \"com.google.gson.JsonElement.getAsLong()\"")))
                .doesNotContain("com.google").doesNotContain("Exception");
    }
}
