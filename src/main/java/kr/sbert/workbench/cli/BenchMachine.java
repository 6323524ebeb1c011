package kr.sbert.workbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.sbert.workbench.core.model.NativeEnvironment;

/** What a benchmark figure depends on besides the code: the CPU, its load, the runtime's settings. */
final class BenchMachine {
    private BenchMachine() {
    }

    /** cpu, cores, load average (1/5/15 min, read at the end of the run) and libtorch's environment. */
    static Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("load average", firstFields(Path.of("/proc/loadavg"), 3));
        m.putAll(NativeEnvironment.describe());
        return m;
    }

    /** The same as JSON: {@code cpu}, {@code cores}, {@code load_average}, {@code environment} (variable → value). */
    static com.google.gson.JsonObject json() {
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        o.addProperty("cpu", cpuModel());
        o.addProperty("cores", Runtime.getRuntime().availableProcessors());
        o.addProperty("load_average", firstFields(Path.of("/proc/loadavg"), 3));
        com.google.gson.JsonObject env = new com.google.gson.JsonObject();
        NativeEnvironment.describe().forEach(env::addProperty);
        o.add("environment", env);
        return o;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }

    private static String firstFields(Path file, int n) {
        try {
            String[] f = Files.readString(file).trim().split("\\s+");
            return String.join(" ", java.util.Arrays.copyOf(f, Math.min(n, f.length)));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
