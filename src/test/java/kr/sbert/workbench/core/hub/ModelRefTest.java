package kr.sbert.workbench.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import kr.sbert.workbench.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelRefTest {
    @TempDir
    Path tmp;

    @Test
    void hubIdWithoutRevisionMeansMain() throws Exception {
        ModelRef ref = ModelRef.parse("snunlp/KR-SBERT-V40K-klueNLI-augSTS");
        assertThat(ref.kind()).isEqualTo(ModelRef.Kind.HUB);
        assertThat(ref.repoId()).isEqualTo("snunlp/KR-SBERT-V40K-klueNLI-augSTS");
        assertThat(ref.revision()).isEqualTo("main");
        assertThat(ref.isCommit()).isFalse();
    }

    @Test
    void revisionsAfterAtAreBranchesTagsCommitsOrPullRequests() throws Exception {
        assertThat(ModelRef.parse("org/name@v1.0").revision()).isEqualTo("v1.0");
        assertThat(ModelRef.parse("org/name@refs/pr/1").revision()).isEqualTo("refs/pr/1");
        ModelRef commit = ModelRef.parse("org/name@0123456789abcdef0123456789abcdef01234567");
        assertThat(commit.isCommit()).isTrue();
        assertThat(commit.toString()).isEqualTo("org/name@0123456789abcdef0123456789abcdef01234567");
    }

    @Test
    void pathsAndExistingFoldersAreFolders() throws Exception {
        assertThat(ModelRef.parse("./models/x").kind()).isEqualTo(ModelRef.Kind.FOLDER);
        assertThat(ModelRef.parse("../x").kind()).isEqualTo(ModelRef.Kind.FOLDER);
        assertThat(ModelRef.parse("/abs/org/name").folder()).isEqualTo(Path.of("/abs/org/name"));
        assertThat(ModelRef.parse("~/m", "/home/u").folder()).isEqualTo(Path.of("/home/u/m"));
        // an existing relative folder that looks like org/name is the folder, not a hub id
        Path existing = Files.createDirectories(tmp.resolve("org/name"));
        assertThat(ModelRef.parse(existing.toString()).kind()).isEqualTo(ModelRef.Kind.FOLDER);
    }

    @Test
    void baselineIsItsOwnKind() throws Exception {
        ModelRef ref = ModelRef.parse("baseline:jaccard");
        assertThat(ref.kind()).isEqualTo(ModelRef.Kind.BASELINE);
        assertThat(ref.baseline()).isEqualTo("jaccard");
    }

    @ParameterizedTest
    @ValueSource(strings = {"justname", "a/b/c", "org/", "org/na me", "org/name@", "org/name@../../x",
        "org/name@refs//pr", "org--x/name", "org/..name", "baseline:", "baseline:a b", "org/name@a b"})
    void malformedIdsAreRefusedWithTheSpecInTheMessage(String spec) {
        assertThatThrownBy(() -> ModelRef.parse(spec)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(spec.isEmpty() ? "empty" : spec.substring(0, Math.min(spec.length(), 5)));
    }

    @Test
    void blankSpecIsRefused() {
        assertThatThrownBy(() -> ModelRef.parse("  ")).isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
    }
}
