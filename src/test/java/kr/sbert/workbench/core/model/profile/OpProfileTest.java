package kr.sbert.workbench.core.model.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpProfileTest {

    /** A trace in libtorch's layout: linear calls t then addmm (which calls copy_); a lone add; another thread's op. */
    private static final String TRACE = """
            [
            {"name": "aten::t", "ph": "X", "ts": 10.0, "dur": 2.0, "tid": 1, "pid": "CPU Functions", "args": {}},
            {"name": "aten::linear", "ph": "X", "ts": 10.0, "dur": 100.0, "tid": 1, "pid": "CPU Functions", "args": {}},
            {"name": "aten::addmm", "ph": "X", "ts": 15.0, "dur": 90.0, "tid": 1, "pid": "CPU Functions", "args": {}},
            {"name": "aten::copy_", "ph": "X", "ts": 16.0, "dur": 30.0, "tid": 1, "pid": "CPU Functions", "args": {}},
            {"name": "aten::add", "ph": "X", "ts": 200.0, "dur": 5.0, "tid": 1, "pid": "CPU Functions", "args": {}},
            {"name": "aten::add", "ph": "X", "ts": 12.0, "dur": 7.0, "tid": 2, "pid": "CPU Functions", "args": {}}
            ]""";

    @Test
    void callsNestByThreadAndSelfTimeExcludesChildren(@TempDir Path dir) throws Exception {
        Path trace = Files.writeString(dir.resolve("trace.json"), TRACE);
        OpProfile p = OpProfile.read(trace, 1_000_000); // 1 ms of wall time

        // top level: linear (100) on thread 1, add twice (5 on thread 1, 7 on thread 2)
        assertThat(p.topLevel()).extracting(OpProfile.Op::name).containsExactly("aten::linear", "aten::add");
        assertThat(p.topLevel().get(1).calls()).isEqualTo(2);
        assertThat(p.topLevel().get(1).micros()).isCloseTo(12.0, within(1e-9));
        assertThat(p.insideOpsMicros()).isCloseTo(112.0, within(1e-9));
        assertThat(p.outsideOpsMicros()).isCloseTo(1000.0 - 112.0, within(1e-9));
        assertThat(p.topLevelCalls()).isEqualTo(3);

        // self: addmm 90 - 30 = 60, copy_ 30, add 12, linear 100 - 2 - 90 = 8, t 2
        assertThat(p.kernels()).extracting(OpProfile.Op::name)
                .containsExactly("aten::addmm", "aten::copy_", "aten::add", "aten::linear", "aten::t");
        assertThat(p.kernels().get(0).micros()).isCloseTo(60.0, within(1e-9));
        assertThat(p.kernels().get(3).micros()).isCloseTo(8.0, within(1e-9));
        // self times add up to the top-level total
        assertThat(p.kernels().stream().mapToDouble(OpProfile.Op::micros).sum()).isCloseTo(112.0, within(1e-9));
    }

    @Test
    void profilerSeesTheOperatorsOfRealWork() throws Exception {
        OpProfile p = OpProfiler.record(ProfiledWork::matrixProduct);
        assertThat(p.topLevel()).extracting(OpProfile.Op::name).contains("aten::matmul");
        assertThat(p.kernels()).extracting(OpProfile.Op::name).contains("aten::mm");
        assertThat(p.insideOpsMicros()).isPositive().isLessThanOrEqualTo(p.wallNanos() / 1e3);
    }
}
