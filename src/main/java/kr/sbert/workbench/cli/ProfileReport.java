package kr.sbert.workbench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import kr.sbert.workbench.core.model.profile.OpProfile;

/** {@code bench --profile}'s tables: where an encoding pass spent its time, operator by operator. */
final class ProfileReport {
    private ProfileReport() {
    }

    static void print(OpProfile p, int rows, String who, PrintWriter out) {
        double wallMs = p.wallNanos() / 1e6;
        double insideMs = p.insideOpsMicros() / 1e3;
        double outsideMs = p.outsideOpsMicros() / 1e3;
        out.printf(Locale.ROOT, "where the time goes in %s (libtorch's profiler, a second pass; the profiler adds its own cost)%n", who);
        out.printf(Locale.ROOT, "  wall %.0f ms: inside libtorch operators %.0f ms (%.1f%%), outside them %.0f ms (%.1f%%),"
                        + " %d operator calls, %.1f µs outside per call%n",
                wallMs, insideMs, 100 * insideMs / wallMs, outsideMs, 100 * outsideMs / wallMs, p.topLevelCalls(),
                p.topLevelCalls() == 0 ? 0 : 1e3 * outsideMs / p.topLevelCalls());
        table("operators called (time including what they call)", p.topLevel(), rows, wallMs, out);
        table("kernels (self time)", p.kernels(), rows, wallMs, out);
        out.flush();
    }

    private static void table(String title, List<OpProfile.Op> ops, int rows, double wallMs, PrintWriter out) {
        out.printf(Locale.ROOT, "  %-34s %9s %10s %7s%n", title, "calls", "ms", "% wall");
        int shown = Math.min(rows, ops.size());
        for (int i = 0; i < shown; i++) {
            OpProfile.Op op = ops.get(i);
            out.printf(Locale.ROOT, "    %-32s %9d %10.1f %7.1f%n", op.name(), op.calls(), op.micros() / 1e3,
                    100 * op.micros() / 1e3 / wallMs);
        }
        if (ops.size() > shown) {
            double rest = ops.subList(shown, ops.size()).stream().mapToDouble(OpProfile.Op::micros).sum() / 1e3;
            long calls = ops.subList(shown, ops.size()).stream().mapToLong(OpProfile.Op::calls).sum();
            out.printf(Locale.ROOT, "    %-32s %9d %10.1f %7.1f%n", (ops.size() - shown) + " others", calls, rest,
                    100 * rest / wallMs);
        }
    }

    static JsonObject json(OpProfile p, int rows) {
        JsonObject o = new JsonObject();
        o.addProperty("wall_ms", p.wallNanos() / 1e6);
        o.addProperty("inside_ops_ms", p.insideOpsMicros() / 1e3);
        o.addProperty("outside_ops_ms", p.outsideOpsMicros() / 1e3);
        o.addProperty("op_calls", p.topLevelCalls());
        o.add("operators", ops(p.topLevel(), rows));
        o.add("kernels", ops(p.kernels(), rows));
        return o;
    }

    private static JsonArray ops(List<OpProfile.Op> ops, int rows) {
        JsonArray a = new JsonArray();
        for (OpProfile.Op op : ops.subList(0, Math.min(rows, ops.size()))) {
            JsonObject o = new JsonObject();
            o.addProperty("name", op.name());
            o.addProperty("calls", op.calls());
            o.addProperty("ms", op.micros() / 1e3);
            a.add(o);
        }
        return a;
    }
}
