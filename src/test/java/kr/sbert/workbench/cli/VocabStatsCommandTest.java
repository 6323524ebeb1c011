package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vocab-stats} on the 400 sentences of {@code tokenization-korsts-klue.json} with the real
 * V40K and KR-BERT-MEDIUM tokenizer files (no weights): counts recomputed from the file's tokens.
 */
class VocabStatsCommandTest {
    @TempDir
    Path tmp;

    @Test
    void jsonCountsEqualTheFixtureTokensForBothVocabularies() throws Exception {
        List<JsonObject> sentences = new ArrayList<>();
        for (JsonElement e : Fixtures.readJson(Fixtures.shared().resolve("fixtures/tokenization-korsts-klue.json"))
                .getAsJsonObject().getAsJsonArray("sentences")) {
            sentences.add(e.getAsJsonObject());
        }
        Path input = Cli.jsonl(tmp.resolve("s.jsonl"), sentences.stream().map(s -> s.get("text").getAsString()).toList());
        Path medium = Files.createDirectories(tmp.resolve("medium"));
        Files.copy(Fixtures.shared().resolve("model-files/KR-BERT-MEDIUM/20000-vocab.txt"), medium.resolve("vocab.txt"));
        Files.writeString(medium.resolve("tokenizer_config.json"), "{\"do_lower_case\": false}");
        Path v40k = Fixtures.shared().resolve("model-files/KR-SBERT-V40K-klueNLI-augSTS");

        Cli.Result r = Cli.run("vocab-stats", "-m", v40k.toString(), "-m", medium.toString(), "--input", input.toString(), "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonObject root = JsonParser.parseString(r.out()).getAsJsonObject();
        String[] keys = {"v40k", "medium20k"};
        for (int m = 0; m < 2; m++) {
            JsonObject stats = root.getAsJsonArray("models").get(m).getAsJsonObject();
            long tokens = 0;
            long unk = 0;
            long split = 0;
            int max = 0;
            for (JsonObject s : sentences) {
                List<String> pieces = Fixtures.strings(s.getAsJsonObject(keys[m]).getAsJsonArray("tokens"));
                tokens += pieces.size();
                max = Math.max(max, pieces.size());
                for (int i = 0; i < pieces.size(); i++) {
                    unk += pieces.get(i).equals("[UNK]") ? 1 : 0;
                    split += !pieces.get(i).startsWith("##") && i + 1 < pieces.size() && pieces.get(i + 1).startsWith("##") ? 1 : 0;
                }
            }
            assertThat(stats.get("sentences").getAsInt()).isEqualTo(400);
            assertThat(stats.get("tokens").getAsLong()).as(keys[m]).isEqualTo(tokens);
            assertThat(stats.get("unknown_tokens").getAsLong()).as(keys[m]).isEqualTo(unk);
            assertThat(stats.get("split_words").getAsLong()).as(keys[m]).isEqualTo(split);
            assertThat(stats.getAsJsonObject("tokens_per_sentence").get("max").getAsInt()).isEqualTo(max);
        }
        JsonObject diff = root.getAsJsonArray("differences").get(0).getAsJsonObject();
        assertThat(diff.get("versus").getAsString()).isEqualTo(medium.toString());
        assertThat(diff.getAsJsonArray("words")).hasSize(20);
    }

    @Test
    void plainFormNamesEachModelAndTheDifferences() throws Exception {
        Path data = Files.writeString(tmp.resolve("p.tsv"), "sentence1\tsentence2\n대형 스크린에 뉴스\t헤드라인이 표시되었습니다.\n");
        Path v40k = Fixtures.shared().resolve("model-files/KR-SBERT-V40K-klueNLI-augSTS");
        Cli.Result r = Cli.run("vocab-stats", "-m", v40k.toString(), "--data", data.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith(v40k + ": 2 sentences\n  tokens per sentence: mean ")
                .contains("truncated at max_seq_length 128: 0");
        Cli.Result none = Cli.run("vocab-stats", "-m", v40k.toString());
        assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.errLines()).anySatisfy(l -> assertThat(l).contains("exactly one of --data FILE or --input FILE"));
    }
}
