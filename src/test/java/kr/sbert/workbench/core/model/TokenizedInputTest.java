package kr.sbert.workbench.core.model;

import static kr.sbert.workbench.core.model.SentenceTransformerModelTest.assertEmbedding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SentenceTransformerModel#encodeTokenized}: bad ids are refused up front, the model stays usable. */
class TokenizedInputTest {

    @TempDir
    Path tmp;

    @Test
    void idsOutsideTheVocabularyOrTooLongInputsAreRefusedNamingTheInput() throws Exception {
        try (SentenceTransformerModel model = SentenceTransformerModel.load(TinyFolders.root(tmp.resolve("m")))) {
            List<long[]> outOfVocab = List.of(TinyFolders.inputIds(0), new long[] {2, 40000, 3});
            assertThatThrownBy(() -> model.encodeTokenized(outOfVocab, ProgressListener.NONE, CancelToken.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("input 1").hasMessageContaining("40000");
            List<long[]> tooLong = List.of(new long[25]);
            assertThatThrownBy(() -> model.encodeTokenized(tooLong, ProgressListener.NONE, CancelToken.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("input 0").hasMessageContaining("25").hasMessageContaining("24");
            float[] after = model.encodeTokenized(List.of(TinyFolders.inputIds(0)), ProgressListener.NONE,
                    CancelToken.NONE)[0];
            assertEmbedding(after, TinyFolders.embedding(0), "sentence 0 after the refusals");
        }
    }

    @Test
    void emptyInputListGivesNoEmbeddings() throws Exception {
        try (SentenceTransformerModel model = SentenceTransformerModel.load(TinyFolders.root(tmp.resolve("m")))) {
            assertThat(model.encode(List.of())).isEmpty();
        }
    }
}
