package kr.sbert.workbench.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StsRewriterTest {
    @TempDir
    Path tmp;

    private static List<StsRewriter.Row> asRead(StsSource.Loaded loaded) {
        List<StsRewriter.Row> rows = new ArrayList<>();
        for (int i = 0; i < loaded.dataset().pairs().size(); i++) {
            rows.add(new StsRewriter.Row(loaded.dataset().pairs().get(i), i));
        }
        return rows;
    }

    private static SentencePair withGold(SentencePair p, double gold) {
        return new SentencePair(p.sentence1(), p.sentence2(), gold, p.line(), p.attributes());
    }

    private static SentencePair withSentence1(SentencePair p, String s1) {
        return new SentencePair(s1, p.sentence2(), p.gold(), p.line(), p.attributes());
    }

    @Test
    void korstsDevSavedAfterEditsKeepsSevenColumnsAndEveryUntouchedByte() throws Exception {
        Path copy = tmp.resolve("dev-copy.tsv");
        Files.copy(SharedData.korstsDev(), copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        byte[] before = Files.readAllBytes(copy);
        StsSource.Loaded loaded = StsReader.readWithSource(copy, ReadOptions.defaults());
        assertThat(loaded.dataset().pairs()).hasSize(1500);
        List<StsRewriter.Row> rows = asRead(loaded);
        rows.set(0, new StsRewriter.Row(withGold(rows.get(0).pair(), 4.2), 0));
        rows.set(1, new StsRewriter.Row(withSentence1(rows.get(1).pair(), "고친 문장이다."), 1));

        StsRewriter.write(copy, loaded.source(), rows);

        List<String> beforeLines = new String(before, StandardCharsets.UTF_8).lines().toList();
        List<String> afterLines = Files.readString(copy).lines().toList();
        assertThat(afterLines).hasSize(1501);
        assertThat(afterLines.get(0)).isEqualTo("genre\tfilename\tyear\tid\tscore\tsentence1\tsentence2");
        // The edited gold keeps the file's three decimals and every other column of its row.
        assertThat(afterLines.get(1)).isEqualTo(beforeLines.get(1).replace("\t5.000\t", "\t4.200\t"));
        assertThat(afterLines.get(2).split("\t", -1)).hasSize(7)
                .containsSequence("main-captions", "MSRvid", "2012test", "0002", "4.750", "고친 문장이다.");
        assertThat(afterLines.subList(3, 1501)).isEqualTo(beforeLines.subList(3, 1501));
        // No newline after the last row, as in the file.
        byte[] after = Files.readAllBytes(copy);
        assertThat(after[after.length - 1]).isEqualTo(before[before.length - 1]);
        StsDataset again = StsReader.read(copy, ReadOptions.defaults());
        assertThat(again.pairs().get(0).gold()).isEqualTo(4.2);
        assertThat(again.pairs().get(0).attributes()).containsEntry("genre", "main-captions").containsEntry("id", "0000");
    }

    @Test
    void savingEverythingUntouchedGivesTheSameBytes() throws Exception {
        for (Path original : List.of(SharedData.korstsDev(), SharedData.klueDev())) {
            Path copy = tmp.resolve("same-" + original.getFileName());
            StsSource.Loaded loaded = StsReader.readWithSource(original, ReadOptions.defaults());
            StsRewriter.write(copy, loaded.source(), asRead(loaded));
            assertThat(Files.readAllBytes(copy)).as(original.toString()).isEqualTo(Files.readAllBytes(original));
        }
    }

    @Test
    void aReadOnlyFileIsNeverWritten() throws Exception {
        Path copy = tmp.resolve("ro.tsv");
        Files.copy(SharedData.korstsDev(), copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("r--r--r--"));
        byte[] before = Files.readAllBytes(copy);
        StsSource.Loaded loaded = StsReader.readWithSource(copy, ReadOptions.defaults());
        List<StsRewriter.Row> rows = asRead(loaded);
        rows.set(0, new StsRewriter.Row(withGold(rows.get(0).pair(), 1.0), 0));

        assertThatThrownBy(() -> StsRewriter.write(copy, loaded.source(), rows))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("read-only: not written");
        assertThat(Files.readAllBytes(copy)).isEqualTo(before);
        assertThat(Files.list(tmp).toList()).containsExactly(copy); // no temporary file left behind
    }

    @Test
    void klueEditKeepsGuidSourceAnnotationsAndTheOtherLabels() throws Exception {
        Path copy = tmp.resolve("klue.json");
        StsSource.Loaded loaded = StsReader.readWithSource(SharedData.klueDev(), ReadOptions.defaults());
        List<StsRewriter.Row> rows = asRead(loaded);
        rows.set(0, new StsRewriter.Row(withGold(rows.get(0).pair(), 2.5), 0));
        rows.remove(1);
        rows.add(new StsRewriter.Row(new SentencePair("새 문장", "다른 문장", 3.5, 0), -1));

        StsRewriter.write(copy, loaded.source(), rows);

        String text = Files.readString(copy);
        assertThat(text).contains("\r\n").doesNotContain("\n\n").doesNotContainPattern("[^\r]\n"); // CRLF, as the file
        text = text.replace("\r\n", "\n");
        assertThat(text).startsWith("[\n    {\n        \"guid\": \"klue-sts-v1_dev_00000\",\n        \"source\": \"airbnb-rtt\",");
        assertThat(text).contains("\"label\": 2.5,\n            \"real-label\": 4.857142857142857,\n            \"binary-label\": 0");
        StsDataset again = StsReader.read(copy, ReadOptions.defaults());
        assertThat(again.pairs()).hasSize(519);
        assertThat(again.pairs().get(0).gold()).isEqualTo(2.5);
        assertThat(again.pairs().get(0).attributes()).containsEntry("guid", "klue-sts-v1_dev_00000");
        assertThat(again.pairs().get(518).sentence1()).isEqualTo("새 문장");
        StsDataset binary = StsReader.read(copy, ReadOptions.defaults().withGoldField(GoldField.BINARY_LABEL));
        assertThat(binary.pairs().get(518).gold()).isEqualTo(1.0);
        // Untouched elements are as in the file (element 2 of the file is element 1 now).
        String original = Files.readString(SharedData.klueDev()).replace("\r\n", "\n");
        List<int[]> spans = KlueJsonParser.elementSpans(original);
        String third = original.substring(spans.get(2)[1], spans.get(2)[2]);
        assertThat(text).contains(third);
    }

    @Test
    void csvExtraColumnsCrlfAndCp949AreKeptAndNewGoldFollowsTheFilesSpelling() throws Exception {
        Charset cp949 = TextEncodingDetector.CP949;
        Path file = tmp.resolve("extra.csv");
        Files.write(file, ("id,s1,s2,score,note\r\n1,\"쉼표, 있는 문장\",둘째,2.50,a\r\n2,셋째,넷째,1.00,\"b \"\"q\"\"\"\r\n")
                .getBytes(cp949));
        StsSource.Loaded loaded = StsReader.readWithSource(file, ReadOptions.defaults());
        assertThat(loaded.source().encoding().label()).isEqualTo("CP949");
        List<StsRewriter.Row> rows = asRead(loaded);
        rows.set(1, new StsRewriter.Row(withGold(rows.get(1).pair(), 4.0), 1));
        rows.add(new StsRewriter.Row(new SentencePair("다섯째", "여섯째", 3.0, 0), -1));

        StsRewriter.write(file, loaded.source(), rows);

        assertThat(new String(Files.readAllBytes(file), cp949)).isEqualTo(
                "id,s1,s2,score,note\r\n1,\"쉼표, 있는 문장\",둘째,2.50,a\r\n2,셋째,넷째,4.00,\"b \"\"q\"\"\"\r\n\"\",다섯째,여섯째,3.00,\r\n");
    }

    @Test
    void aGoldGivenToATableWithoutAScoreColumnAddsOne() throws Exception {
        Path file = tmp.resolve("nogold.tsv");
        Files.writeString(file, "sentence1\tsentence2\n가\t나\n");
        StsSource.Loaded loaded = StsReader.readWithSource(file, ReadOptions.defaults());
        List<StsRewriter.Row> rows = asRead(loaded);
        rows.add(new StsRewriter.Row(new SentencePair("다", "라", 2.0, 0), -1));
        StsRewriter.write(file, loaded.source(), rows);
        assertThat(Files.readString(file)).isEqualTo("sentence1\tsentence2\tscore\n가\t나\t\n다\t라\t2.0\n");
    }

    @Test
    void aCharacterTheEncodingLacksIsRefusedNamingTheRow() throws Exception {
        Path file = tmp.resolve("k.csv");
        Files.write(file, "s1,s2\n가,나\n".getBytes(TextEncodingDetector.CP949));
        byte[] before = Files.readAllBytes(file);
        StsSource.Loaded loaded = StsReader.readWithSource(file, ReadOptions.defaults());
        List<StsRewriter.Row> rows = asRead(loaded);
        rows.add(new StsRewriter.Row(new SentencePair("😀", "나", null, 0), -1));
        assertThatThrownBy(() -> StsRewriter.write(file, loaded.source(), rows))
                .hasMessageContaining("row 2").hasMessageContaining("CP949");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void goldIsSpelledWithTheFilesDecimals() {
        assertThat(StsRewriter.spellGold(4.2, "5.000")).isEqualTo("4.200");
        assertThat(StsRewriter.spellGold(4.125, "5.0")).isEqualTo("4.125");
        assertThat(StsRewriter.spellGold(3, "1")).isEqualTo("3");
        assertThat(StsRewriter.spellGold(2.6, null)).isEqualTo("2.6");
    }
}
