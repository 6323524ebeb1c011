package kr.sbert.workbench.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import kr.sbert.workbench.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generic CSV/TSV/JSONL files, format detection and row validation, on small literal files. */
class StsReaderGenericTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void csvHeaderAliasesAreMatchedCaseInsensitively() throws Exception {
        Path f = write("a.csv", "ID,Text_A, TEXT_B ,Label\n1,첫 문장,둘째 문장,3.5\n2,\"쉼표, 있는 문장\",다른 문장,0\n");
        StsDataset d = StsReader.read(f, ReadOptions.defaults());
        assertThat(d.pairs()).containsExactly(
                new SentencePair("첫 문장", "둘째 문장", 3.5, 2),
                new SentencePair("쉼표, 있는 문장", "다른 문장", 0.0, 3));
        assertThat(d.goldScale()).isEqualTo(GoldScale.ZERO_TO_FIVE);
    }

    @Test
    void pairsWithoutAScoreColumnHaveNoGold() throws Exception {
        Path f = write("a.tsv", "premise\thypothesis\n비가 온다.\t비가 내린다.\n");
        StsDataset d = StsReader.read(f, ReadOptions.defaults());
        assertThat(d.format()).isEqualTo(StsFormat.TSV);
        assertThat(d.pairs()).containsExactly(new SentencePair("비가 온다.", "비가 내린다.", null, 2));
        assertThat(d.goldCount()).isZero();
    }

    @Test
    void genericScoresMustBeFiniteNumbersOnTheZeroToFiveScale() throws Exception {
        // Issue 3: an out-of-range score is a malformed row in every format (it used to be
        // accepted in generic files, silently turning off the F1 view).
        Path ok = write("ok.csv", "s1,s2,similarity\na,b,0\nc,d,5e0\ne,f,2.5\n");
        assertThat(StsReader.read(ok, ReadOptions.defaults()).pairs()).extracting(SentencePair::gold)
                .containsExactly(0.0, 5.0, 2.5);
        Path out = write("out.csv", "s1,s2,similarity\na,b,2\nc,d,-7.25\ne,f,1e2\ng,h,5.01\n");
        assertThatThrownBy(() -> StsReader.read(out, ReadOptions.defaults()))
                .isInstanceOf(InvalidInputException.class).hasMessage(out + ":3: score -7.25 is outside [0, 5]");
        StsDataset skipped = StsReader.read(out, ReadOptions.defaults().withSkipBadRows(true));
        assertThat(skipped.pairs()).containsExactly(new SentencePair("a", "b", 2.0, 2));
        assertThat(skipped.skipped()).containsExactly(new SkippedRow(3, "score -7.25 is outside [0, 5]"),
                new SkippedRow(4, "score 1e2 is outside [0, 5]"), new SkippedRow(5, "score 5.01 is outside [0, 5]"));
        Path tsv = write("out.tsv", "sentence1\tsentence2\tscore\na\tb\t6\n");
        assertThatThrownBy(() -> StsReader.read(tsv, ReadOptions.defaults())).hasMessage(tsv + ":2: score 6 is outside [0, 5]");
        Path jsonl = write("out.jsonl", "{\"s1\":\"a\",\"s2\":\"b\",\"score\":3}\n{\"s1\":\"a\",\"s2\":\"b\",\"score\":-1}\n");
        assertThatThrownBy(() -> StsReader.read(jsonl, ReadOptions.defaults())).hasMessage(jsonl + ":2: score -1 is outside [0, 5]");
        Path nan = write("nan.csv", "s1,s2,score\na,b,1\nc,d,NaN\n");
        assertThatThrownBy(() -> StsReader.read(nan, ReadOptions.defaults()))
                .isInstanceOf(InvalidInputException.class).hasMessage(nan + ":3: score 'NaN' is not a number");
        Path inf = write("inf.csv", "s1,s2,score\na,b,Infinity\n");
        assertThatThrownBy(() -> StsReader.read(inf, ReadOptions.defaults())).hasMessage(inf + ":2: score 'Infinity' is not a number");
    }

    @Test
    void csvLineNumbersFollowRecordsSpanningSeveralLines() throws Exception {
        Path f = write("m.csv", "sentence1,sentence2,score\n\"두 줄\n문장\",b,1\nc,,2\n");
        assertThatThrownBy(() -> StsReader.read(f, ReadOptions.defaults())).hasMessage(f + ":4: empty sentence2");
        StsDataset d = StsReader.read(f, ReadOptions.defaults().withSkipBadRows(true));
        assertThat(d.pairs()).containsExactly(new SentencePair("두 줄\n문장", "b", 1.0, 2));
        assertThat(d.skipped()).containsExactly(new SkippedRow(4, "empty sentence2"));
    }

    @Test
    void unclosedQuoteIsReportedAsInvalidCsv() throws Exception {
        Path f = write("q.csv", "sentence1,sentence2\na,b\n\"never closed,c\n");
        assertThatThrownBy(() -> StsReader.read(f, ReadOptions.defaults()))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(f + ": not valid CSV: ");
    }

    @Test
    void csvQuotingErrorsNameTheirLineInPlainWords() throws Exception {
        Path unclosed = write("u.csv", "sentence1,sentence2\na,b\n\"never closed,c\nd,e\n");
        assertThatThrownBy(() -> StsReader.read(unclosed, ReadOptions.defaults().withSkipBadRows(true)))
                .hasMessage(unclosed + ": not valid CSV: line 3: a quote opened here is never closed"
                        + " (this stops the load even with --skip-bad-rows)");
        Path junk = write("j.csv", "sentence1,sentence2\na,b\n\"quoted\" tail,c\n");
        assertThatThrownBy(() -> StsReader.read(junk, ReadOptions.defaults()))
                .hasMessageStartingWith(junk + ": not valid CSV: line 3: text after a closing quote");
    }

    @Test
    void csvRowWithTheWrongColumnCountIsReported() throws Exception {
        Path f = write("c.csv", "sentence1,sentence2,score\na,b,1\na,b,c,1\n");
        assertThatThrownBy(() -> StsReader.read(f, ReadOptions.defaults()))
                .hasMessage(f + ":3: expected 3 columns, found 4");
    }

    @Test
    void headerWithoutSentenceColumnsIsRefusedListingTheAliases() throws Exception {
        Path f = write("h.csv", "foo,sentence2\na,b\n");
        assertThatThrownBy(() -> StsReader.read(f, ReadOptions.defaults()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(f + ":1: header foo,sentence2 names no sentence1 column")
                .hasMessageContaining("text_a");
    }

    @Test
    void jsonlReadsAliasesAndKlueStyleLabelsWithLineNumbers() throws Exception {
        Path f = write("a.jsonl", "{\"s1\":\"가\",\"s2\":\"나\",\"score\":4}\n\n"
                + "{\"sentence1\":\"다\",\"sentence2\":\"라\",\"labels\":{\"label\":1.5,\"real-label\":1.25}}\n"
                + "{\"sentence1\":\"마\",\"sentence2\":\"바\"}\n");
        StsDataset d = StsReader.read(f, ReadOptions.defaults().withGoldField(GoldField.REAL_LABEL));
        assertThat(d.format()).isEqualTo(StsFormat.JSONL);
        assertThat(d.pairs()).containsExactly(
                new SentencePair("가", "나", 4.0, 1),
                new SentencePair("다", "라", 1.25, 3),
                new SentencePair("마", "바", null, 4));
    }

    @Test
    void jsonlLineThatIsNotJsonIsAMalformedRow() throws Exception {
        Path f = write("b.jsonl", "{\"s1\":\"가\",\"s2\":\"나\"}\n{\"s1\": \"가\", \n");
        assertThatThrownBy(() -> StsReader.read(f, ReadOptions.defaults())).hasMessage(f + ":2: not valid JSON");
    }

    @Test
    void klueRecordOutsideZeroToFiveIsReportedAtItsLine() throws Exception {
        Path f = write("k.json", "[\n  {\"sentence1\": \"가\", \"sentence2\": \"나\", \"labels\": {\"label\": 4.0}},\n"
                + "  {\"sentence1\": \"다\",\n   \"sentence2\": \"라\", \"labels\": {\"label\": 6.0}}\n]\n");
        assertThatThrownBy(() -> StsReader.read(f, ReadOptions.defaults()))
                .hasMessage(f + ":3: score 6.0 is outside [0, 5]");
    }

    @Test
    void klueGoldScaleFollowsTheGoldFieldNotTheValues() throws Exception {
        Path f = write("k.json", "[{\"sentence1\": \"가\", \"sentence2\": \"나\", \"labels\": {\"label\": 1, \"binary-label\": 0}},"
                + "{\"sentence1\": \"다\", \"sentence2\": \"라\", \"labels\": {\"label\": 0, \"binary-label\": 0}}]");
        assertThat(StsReader.read(f, ReadOptions.defaults()).goldScale()).isEqualTo(GoldScale.ZERO_TO_FIVE);
        assertThat(StsReader.read(f, ReadOptions.defaults().withGoldField(GoldField.BINARY_LABEL)).goldScale())
                .isEqualTo(GoldScale.BINARY);
    }

    @Test
    void korstsRowsWithoutATrailingNewlineOrWithCrlfAreRead() throws Exception {
        String header = String.join("\t", KorStsTsvParser.HEADER);
        Path f = write("k.txt", header + "\r\ng\tf\t2020\t0001\t2.500\t\"인용\" 문장\t문장\r\ng\tf\t2020\t0002\t0\t가\t나");
        StsDataset d = StsReader.read(f, ReadOptions.defaults());
        assertThat(d.format()).isEqualTo(StsFormat.KORSTS_TSV);
        assertThat(d.pairs()).containsExactly(
                new SentencePair("\"인용\" 문장", "문장", 2.5, 2), new SentencePair("가", "나", 0.0, 3));
    }

    @Test
    void korstsEmptySentenceAndMissingScoreAreMalformed() throws Exception {
        String header = String.join("\t", KorStsTsvParser.HEADER);
        Path f = write("k.tsv", header + "\ng\tf\t2020\t1\t\t가\t나\ng\tf\t2020\t2\t1\t \t나\n");
        StsDataset d = StsReader.read(f, ReadOptions.defaults().withSkipBadRows(true));
        assertThat(d.pairs()).isEmpty();
        assertThat(d.skipped()).containsExactly(new SkippedRow(2, "missing score"), new SkippedRow(3, "empty sentence1"));
    }

    @Test
    void formatCanBeForcedAndDetectionFailureNamesTheOption() throws Exception {
        Path f = write("pairs.dat", "sentence1\tsentence2\n가\t나\n");
        assertThat(StsReader.read(f, ReadOptions.defaults()).format()).isEqualTo(StsFormat.TSV);
        Path csvAsTsv = write("x.csv", "sentence1\tsentence2\n가\t나\n");
        assertThatThrownBy(() -> StsReader.read(csvAsTsv, ReadOptions.defaults()))
                .hasMessageContaining("names no sentence1 column");
        assertThat(StsReader.read(csvAsTsv, ReadOptions.defaults().withFormat(StsFormat.TSV)).pairs()).hasSize(1);
        Path unknown = write("x.txt", "just one line\n");
        assertThatThrownBy(() -> StsReader.read(unknown, ReadOptions.defaults())).hasMessageContaining("--format");
    }

    @Test
    void directoryIsRefusedAsADirectory() {
        assertThatThrownBy(() -> StsReader.read(tmp, ReadOptions.defaults()))
                .isInstanceOf(InvalidInputException.class).hasMessage(tmp + ": is a directory, not an STS file");
    }

    @Test
    void klueJsonSyntaxErrorNamesTheLineOnOneLine() throws Exception {
        Path f = write("k.json", "[\n  {\"sentence1\": \"가\", \"sentence2\": \"나\", \"labels\": {\"label\": 4.0}},\n"
                + "  {\"sentence1\": \"다\" \"sentence2\": \"라\"}\n]\n");
        assertThatThrownBy(() -> StsReader.read(f, ReadOptions.defaults()))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(f + ":3: not valid JSON")
                .hasMessageNotContaining("\n").hasMessageNotContaining("https:");
        Path truncated = write("t.json", "[\n  {\"sentence1\": \"가\",\n");
        assertThatThrownBy(() -> StsReader.read(truncated, ReadOptions.defaults()))
                .hasMessageStartingWith(truncated + ":").hasMessageContaining("not valid JSON").hasMessageNotContaining("\n");
        Path empty = write("e.json", "");
        assertThatThrownBy(() -> StsReader.read(empty, ReadOptions.defaults())).hasMessageContaining(empty + ":1: empty file");
    }

    @Test
    void csvWhoseHeaderIsTabSeparatedSuggestsTsv() throws Exception {
        Path f = write("x.csv", "sentence1\tsentence2\tscore\n가\t나\t1\n");
        assertThatThrownBy(() -> StsReader.read(f, ReadOptions.defaults()))
                .hasMessageContaining("names no sentence1 column").hasMessageEndingWith("try --format tsv");
    }

    @Test
    void jsonFileHoldingJsonLinesIsReadAsJsonl() throws Exception {
        // What Hugging Face datasets' Dataset.to_json() writes: one object per line, named .json.
        Path f = write("hf.json", "{\"sentence1\":\"가\",\"sentence2\":\"나\",\"score\":4.0}\n"
                + "{\"sentence1\":\"다\",\"sentence2\":\"라\",\"score\":1.5}\n");
        StsDataset d = StsReader.read(f, ReadOptions.defaults());
        assertThat(d.format()).isEqualTo(StsFormat.JSONL);
        assertThat(d.pairs()).containsExactly(new SentencePair("가", "나", 4.0, 1), new SentencePair("다", "라", 1.5, 2));
        assertThat(StsFormat.parse("JSON")).contains(StsFormat.KLUE_JSON);
    }

    @Test
    void prettyPrintedSingleObjectIsALayoutErrorEvenWhenSkippingBadRows() throws Exception {
        Path f = write("one.json", "{\n  \"data\": [\n    {\"sentence1\": \"가\", \"sentence2\": \"나\"}\n  ]\n}\n");
        assertThatThrownBy(() -> StsReader.read(f, ReadOptions.defaults().withSkipBadRows(true)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(f + ":1: one JSON object spread over several lines; expected one object per line (JSONL)"
                        + " or an array of pairs (KLUE-STS JSON)");
    }

    @Test
    void missingFileIsAnInvalidInput() {
        Path f = tmp.resolve("nope.tsv");
        assertThatThrownBy(() -> StsReader.read(f, ReadOptions.defaults()))
                .isInstanceOf(InvalidInputException.class).hasMessage(f + ": no such file");
    }
}
