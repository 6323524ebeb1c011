package kr.sbert.workbench.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers on the real KorSTS and KLUE-STS files, and on KorSTS dev re-saved in other encodings/layouts. */
class StsReaderSharedDataTest {
    @TempDir
    Path tmp;

    /** The raw file's rows split by hand: line i+2 of the file is rawRows.get(i). */
    private static List<String[]> rawRows(String text) {
        List<String[]> rows = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            rows.add(lines[i].split("\t", -1));
        }
        return rows;
    }

    private static String korstsText() throws Exception {
        return Files.readString(SharedData.korstsDev(), StandardCharsets.UTF_8);
    }

    @Test
    void korstsDevReadsAll1500PairsMatchingTheRawRows() throws Exception {
        StsDataset d = StsReader.read(SharedData.korstsDev(), ReadOptions.defaults());
        List<String[]> raw = rawRows(korstsText());

        assertThat(d.format()).isEqualTo(StsFormat.KORSTS_TSV);
        assertThat(d.encoding().label()).isEqualTo("UTF-8");
        assertThat(d.pairs()).hasSize(1500);
        assertThat(raw).hasSize(1500);
        assertThat(d.skipped()).isEmpty();
        for (int i : new int[] {0, 1, 267, 362, 749, 1499}) {
            SentencePair p = d.pairs().get(i);
            assertThat(p.line()).isEqualTo(i + 2);
            assertThat(p.sentence1()).isEqualTo(raw.get(i)[5]);
            assertThat(p.sentence2()).isEqualTo(raw.get(i)[6]);
            assertThat(p.gold()).isEqualTo(Double.parseDouble(raw.get(i)[4]));
        }
        // Published first row of KorSTS dev.
        assertThat(d.pairs().get(0)).isEqualTo(
                new SentencePair("안전모를 가진 한 남자가 춤을 추고 있다.", "안전모를 쓴 한 남자가 춤을 추고 있다.", 5.0, 2));
    }

    @Test
    void quotesInsideKorstsSentencesAreKeptBecauseQuotingIsOff() throws Exception {
        StsDataset d = StsReader.read(SharedData.korstsDev(), ReadOptions.defaults());
        List<String[]> raw = rawRows(korstsText());
        int quoted = 0;
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i)[5].contains("\"") || raw.get(i)[6].contains("\"")) {
                quoted++;
                assertThat(d.pairs().get(i).sentence1()).isEqualTo(raw.get(i)[5]);
                assertThat(d.pairs().get(i).sentence2()).isEqualTo(raw.get(i)[6]);
            }
        }
        assertThat(quoted).isGreaterThan(50);
    }

    @Test
    void klueDevReads519PairsWithTheChosenGoldField() throws Exception {
        Path f = SharedData.klueDev();
        StsDataset label = StsReader.read(f, ReadOptions.defaults());
        StsDataset real = StsReader.read(f, ReadOptions.defaults().withGoldField(GoldField.REAL_LABEL));
        StsDataset binary = StsReader.read(f, ReadOptions.defaults().withGoldField(GoldField.BINARY_LABEL));

        assertThat(label.format()).isEqualTo(StsFormat.KLUE_JSON);
        assertThat(label.pairs()).hasSize(519);
        assertThat(real.pairs()).hasSize(519);
        assertThat(binary.pairs()).hasSize(519);
        // First and last records of klue-sts-v1.1_dev.json as published.
        SentencePair first = label.pairs().get(0);
        assertThat(first.sentence1()).isEqualTo("무엇보다도 호스트분들이 너무 친절하셨습니다.");
        assertThat(first.sentence2()).isEqualTo("무엇보다도, 호스트들은 매우 친절했습니다.");
        assertThat(first.gold()).isEqualTo(4.9);
        assertThat(first.line()).isEqualTo(2);
        assertThat(real.pairs().get(0).gold()).isEqualTo(4.857142857142857);
        assertThat(binary.pairs().get(0).gold()).isEqualTo(1.0);
        assertThat(label.pairs().get(518).gold()).isEqualTo(2.9);
        assertThat(real.pairs().get(518).gold()).isEqualTo(2.857142857142857);
        assertThat(binary.pairs().get(518).gold()).isEqualTo(0.0);
        assertThat(label.goldScale()).isEqualTo(GoldScale.ZERO_TO_FIVE);
        assertThat(binary.goldScale()).isEqualTo(GoldScale.BINARY);
        // Each pair's line is where its object starts in the file.
        List<String> lines = Files.readAllLines(f);
        for (int i : new int[] {0, 100, 518}) {
            assertThat(lines.get(label.pairs().get(i).line() - 1).strip()).isEqualTo("{");
            assertThat(lines.get(label.pairs().get(i).line())).contains("klue-sts-v1_dev_" + String.format("%05d", i));
        }
    }

    @Test
    void korstsDevResavedAsCp949WithCrlfLoadsToTheSamePairs() throws Exception {
        // CP949 cannot hold every character of KorSTS dev (it has a few Latin letters with
        // diacritics); like Excel, the test keeps the rows CP949 can represent.
        String text = korstsText();
        CharsetEncoder cp949 = TextEncodingDetector.CP949.newEncoder();
        StringBuilder kept = new StringBuilder();
        List<String> keptLines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (cp949.canEncode(line)) {
                keptLines.add(line);
            }
        }
        assertThat(keptLines.size()).isBetween(1490, 1501);
        kept.append(String.join("\r\n", keptLines));
        Path f = tmp.resolve("dev-cp949.tsv");
        Files.write(f, kept.toString().getBytes(TextEncodingDetector.CP949));
        Path utf8 = tmp.resolve("dev-kept-utf8.tsv");
        Files.writeString(utf8, String.join("\n", keptLines));

        StsDataset d = StsReader.read(f, ReadOptions.defaults());
        assertThat(d.encoding().label()).isEqualTo("CP949");
        assertThat(d.pairs()).isEqualTo(StsReader.read(utf8, ReadOptions.defaults()).pairs());
        assertThat(d.pairs()).hasSize(keptLines.size() - 1);
    }

    @Test
    void korstsDevResavedAsUtf8WithBomLoadsToTheSamePairs() throws Exception {
        StsDataset original = StsReader.read(SharedData.korstsDev(), ReadOptions.defaults());
        Path f = tmp.resolve("dev-bom.tsv");
        Files.write(f, TextEncodingDetectorTest.concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                Files.readAllBytes(SharedData.korstsDev())));
        StsDataset d = StsReader.read(f, ReadOptions.defaults());
        assertThat(d.encoding().label()).isEqualTo("UTF-8 with BOM");
        assertThat(d.format()).isEqualTo(StsFormat.KORSTS_TSV);
        assertThat(d.pairs()).isEqualTo(original.pairs());
    }

    @Test
    void korstsDevResavedAsUtf16LeWithBomLoadsToTheSamePairs() throws Exception {
        StsDataset original = StsReader.read(SharedData.korstsDev(), ReadOptions.defaults());
        Path f = tmp.resolve("dev-utf16.tsv");
        Files.write(f, TextEncodingDetectorTest.concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                korstsText().getBytes(StandardCharsets.UTF_16LE)));
        StsDataset d = StsReader.read(f, ReadOptions.defaults());
        assertThat(d.encoding().label()).isEqualTo("UTF-16LE with BOM");
        assertThat(d.pairs()).isEqualTo(original.pairs());
    }

    @Test
    void korstsDevResavedAsCsvWithQuotedCommasLoadsToTheSameSentencesAndGold() throws Exception {
        StsDataset original = StsReader.read(SharedData.korstsDev(), ReadOptions.defaults());
        List<String[]> raw = rawRows(korstsText());
        StringBuilder csv = new StringBuilder("sentence1,sentence2,score\r\n");
        int withComma = 0;
        for (String[] r : raw) {
            withComma += r[5].contains(",") || r[6].contains(",") ? 1 : 0;
            csv.append(quote(r[5])).append(',').append(quote(r[6])).append(',').append(r[4]).append("\r\n");
        }
        assertThat(withComma).isGreaterThan(100);
        Path f = tmp.resolve("dev.csv");
        Files.writeString(f, csv.toString());

        StsDataset d = StsReader.read(f, ReadOptions.defaults());
        assertThat(d.format()).isEqualTo(StsFormat.CSV);
        assertThat(d.pairs()).hasSize(1500);
        for (int i = 0; i < 1500; i++) {
            SentencePair a = original.pairs().get(i);
            SentencePair b = d.pairs().get(i);
            assertThat(b.sentence1()).isEqualTo(a.sentence1());
            assertThat(b.sentence2()).isEqualTo(a.sentence2());
            assertThat(b.gold()).isEqualTo(a.gold());
            assertThat(b.line()).isEqualTo(i + 2);
        }
    }

    @Test
    void aBrokenRowStopsTheLoadNamingFileAndLine() throws Exception {
        Path f = tmp.resolve("broken.tsv");
        Files.writeString(f, breakRows(korstsText()));
        assertThatThrownBy(() -> StsReader.read(f, ReadOptions.defaults()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(f + ":101: score 'abc' is not a number");
    }

    @Test
    void skipBadRowsKeepsTheRestAndListsEverySkippedLine() throws Exception {
        Path f = tmp.resolve("broken.tsv");
        Files.writeString(f, breakRows(korstsText()));
        StsDataset d = StsReader.read(f, ReadOptions.defaults().withSkipBadRows(true));
        StsDataset original = StsReader.read(SharedData.korstsDev(), ReadOptions.defaults());

        assertThat(d.pairs()).hasSize(1497);
        assertThat(d.skipped()).containsExactly(
                new SkippedRow(101, "score 'abc' is not a number"),
                new SkippedRow(501, "expected 7 tab-separated columns, found 6"),
                new SkippedRow(1001, "score 5.5 is outside [0, 5]"));
        List<SentencePair> expected = new ArrayList<>(original.pairs());
        expected.removeIf(p -> p.line() == 101 || p.line() == 501 || p.line() == 1001);
        assertThat(d.pairs()).isEqualTo(expected);
    }

    /** Line 101: unparsable score; line 501: a column missing; line 1001: score 5.5. */
    private static String breakRows(String text) {
        String[] lines = text.split("\n", -1);
        String[] c = lines[100].split("\t", -1);
        c[4] = "abc";
        lines[100] = String.join("\t", c);
        c = lines[500].split("\t", -1);
        lines[500] = String.join("\t", c[0], c[1], c[2], c[3], c[4], c[5]);
        c = lines[1000].split("\t", -1);
        c[4] = "5.5";
        lines[1000] = String.join("\t", c);
        return String.join("\n", lines);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
