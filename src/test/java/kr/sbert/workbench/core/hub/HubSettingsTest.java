package kr.sbert.workbench.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void cacheRootFollowsHuggingfaceHubPrecedence() {
        String home = tmp.toString();
        assertThat(HubSettings.fromEnvironment(Map.of("HOME", home)).cacheRoot())
                .isEqualTo(Path.of(home, ".cache/huggingface/hub"));
        assertThat(HubSettings.fromEnvironment(Map.of("HOME", home, "XDG_CACHE_HOME", "/x")).cacheRoot())
                .isEqualTo(Path.of("/x/huggingface/hub"));
        assertThat(HubSettings.fromEnvironment(Map.of("HOME", home, "XDG_CACHE_HOME", "/x", "HF_HOME", "/h")).cacheRoot())
                .isEqualTo(Path.of("/h/hub"));
        assertThat(HubSettings.fromEnvironment(Map.of("HOME", home, "HF_HOME", "/h", "HF_HUB_CACHE", "~/c")).cacheRoot())
                .isEqualTo(Path.of(home, "c"));
    }

    @Test
    void endpointDefaultsToTheHubAndLosesTrailingSlashes() {
        assertThat(HubSettings.fromEnvironment(Map.of("HOME", tmp.toString())).endpoint()).isEqualTo("https://huggingface.co");
        assertThat(HubSettings.fromEnvironment(Map.of("HOME", tmp.toString(), "HF_ENDPOINT", "http://mirror:8080//")).endpoint())
                .isEqualTo("http://mirror:8080");
    }

    @Test
    void tokenComesFromHfTokenElseTheLoginTokenFile() throws Exception {
        Path hfHome = Files.createDirectories(tmp.resolve("hf"));
        Files.writeString(hfHome.resolve("token"), "hf_fromfile\n");
        assertThat(HubSettings.fromEnvironment(Map.of("HOME", tmp.toString(), "HF_HOME", hfHome.toString())).token())
                .contains("hf_fromfile");
        assertThat(HubSettings.fromEnvironment(Map.of("HOME", tmp.toString(), "HF_HOME", hfHome.toString(),
                "HF_TOKEN", "hf_env")).token()).contains("hf_env");
        assertThat(HubSettings.fromEnvironment(Map.of("HOME", tmp.toString())).token()).isEmpty();
    }

    @Test
    void offlineAcceptsTheSameTrueValuesAsPython() {
        for (String v : new String[] {"1", "on", "YES", "true"}) {
            assertThat(HubSettings.fromEnvironment(Map.of("HOME", tmp.toString(), "HF_HUB_OFFLINE", v)).offline()).isTrue();
        }
        assertThat(HubSettings.fromEnvironment(Map.of("HOME", tmp.toString(), "HF_HUB_OFFLINE", "0")).offline()).isFalse();
        assertThat(HubSettings.fromEnvironment(Map.of("HOME", tmp.toString(), "TRANSFORMERS_OFFLINE", "1")).offline()).isTrue();
    }

    @Test
    void toStringNeverShowsTheToken() {
        HubSettings s = HubSettings.fromEnvironment(Map.of("HOME", tmp.toString(), "HF_TOKEN", "hf_secret123"));
        assertThat(s.toString()).doesNotContain("hf_secret123").contains("(set)");
    }
}
