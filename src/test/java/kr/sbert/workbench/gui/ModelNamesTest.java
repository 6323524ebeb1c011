package kr.sbert.workbench.gui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How model ids are shortened and wrapped for the models list (widths counted in characters). */
class ModelNamesTest {
    @Test
    void nameIsTheWholeLastSegmentAndSourceWhatComesBefore() {
        String id = "snunlp/KR-SBERT-Medium-extended-klueNLItriplet_PARpair_QApair-klueSTS";
        assertThat(ModelNames.name(id)).isEqualTo("KR-SBERT-Medium-extended-klueNLItriplet_PARpair_QApair-klueSTS");
        assertThat(ModelNames.source(id)).isEqualTo("snunlp");
        assertThat(ModelNames.shortName(id)).hasSize(32).endsWith("…");
        assertThat(ModelNames.name("/work/models/tiny-kr-sbert/")).isEqualTo("tiny-kr-sbert");
        assertThat(ModelNames.source("/work/models/tiny-kr-sbert/")).isEqualTo("/work/models");
        assertThat(ModelNames.source("/tiny")).isEqualTo("/");
        assertThat(ModelNames.name("baseline:char-ngram")).isEqualTo("char-ngram");
        assertThat(ModelNames.source("baseline:char-ngram")).isEqualTo("baseline");
        assertThat(ModelNames.source("tiny-kr-sbert")).isEmpty();
    }

    @Test
    void wrapBreaksAfterHyphensAndUnderscoresWithinTheWidth() {
        // "KR-SBERT-Medium-" is 16 characters; adding "klueNLI-" would make 24.
        assertThat(ModelNames.wrap("KR-SBERT-Medium-klueNLI-klueSTS", 16, String::length))
                .isEqualTo("KR-SBERT-Medium-\nklueNLI-klueSTS");
        assertThat(ModelNames.wrap("KR-SBERT-Medium-klueNLI-klueSTS", 31, String::length))
                .isEqualTo("KR-SBERT-Medium-klueNLI-klueSTS");
        // A part wider than the line gets a line of its own; underscores are break points too.
        assertThat(ModelNames.wrap("KR-klueNLItriplet_PARpair_QApair-klueSTS", 10, String::length))
                .isEqualTo("KR-\nklueNLItriplet_\nPARpair_\nQApair-\nklueSTS");
        // A trailing or leading hyphen is not a break point.
        assertThat(ModelNames.wrap("-ab-", 1, String::length)).isEqualTo("-ab-");
    }
}
