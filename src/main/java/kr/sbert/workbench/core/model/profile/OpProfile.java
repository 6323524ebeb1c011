package kr.sbert.workbench.core.model.profile;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What libtorch's profiler saw during a piece of work, per operator name: how often it ran, its
 * time as called (including the operators it called in turn) and its self time (excluding them).
 * Operators the work dispatched itself ("top level": our NDArray calls, or a TorchScript graph's
 * nodes) add up to the time spent inside libtorch; the rest of the wall time went to the caller
 * (Java, JNI, NDArray objects, or the TorchScript interpreter).
 *
 * @param wallNanos the work's wall-clock time
 * @param topLevel  operators called by the work itself, by total time, longest first
 * @param kernels   all operators by self time, longest first
 */
public record OpProfile(long wallNanos, List<Op> topLevel, List<Op> kernels) {

    /** One operator name's calls and time, in microseconds. */
    public record Op(String name, long calls, double micros) {
    }

    /** Microseconds inside libtorch operators the work called. */
    public double insideOpsMicros() {
        return topLevel.stream().mapToDouble(Op::micros).sum();
    }

    /** Microseconds of wall time outside any operator: the caller's own work and the calls' cost. */
    public double outsideOpsMicros() {
        return Math.max(0, wallNanos / 1e3 - insideOpsMicros());
    }

    /** Top-level operator calls. */
    public long topLevelCalls() {
        return topLevel.stream().mapToLong(Op::calls).sum();
    }

    /**
     * Reads the Chrome-trace file libtorch writes (a JSON array of complete events with
     * {@code name}, {@code ts}, {@code dur} in microseconds and {@code tid}), streaming it.
     */
    static OpProfile read(Path trace, long wallNanos) throws IOException {
        Map<Long, List<Event>> byThread = new HashMap<>();
        try (Reader in = Files.newBufferedReader(trace, StandardCharsets.UTF_8);
             JsonReader json = new JsonReader(in)) {
            json.beginArray();
            while (json.hasNext()) {
                Event e = readEvent(json);
                if (e != null) {
                    byThread.computeIfAbsent(e.tid, t -> new ArrayList<>()).add(e);
                }
            }
            json.endArray();
        }
        Map<String, double[]> top = new HashMap<>();
        Map<String, double[]> self = new HashMap<>();
        for (List<Event> events : byThread.values()) {
            nest(events, top, self);
        }
        return new OpProfile(wallNanos, sorted(top), sorted(self));
    }

    private record Event(String name, double start, double duration, long tid) {
        double end() {
            return start + duration;
        }
    }

    private static Event readEvent(JsonReader json) throws IOException {
        String name = null;
        double ts = Double.NaN;
        double dur = Double.NaN;
        long tid = 0;
        json.beginObject();
        while (json.hasNext()) {
            String key = json.nextName();
            switch (key) {
                case "name" -> name = json.nextString();
                case "ts" -> ts = json.nextDouble();
                case "dur" -> dur = json.nextDouble();
                case "tid" -> tid = json.peek() == JsonToken.NUMBER ? json.nextLong() : json.nextString().hashCode();
                default -> json.skipValue();
            }
        }
        json.endObject();
        return name == null || Double.isNaN(ts) || Double.isNaN(dur) ? null : new Event(name, ts, dur, tid);
    }

    /**
     * Events of one thread nest as calls do: sorted by start (longer first on a tie), an event
     * lies inside the last open one that has not ended yet. Self time is an event's duration less
     * its children's.
     */
    private static void nest(List<Event> events, Map<String, double[]> top, Map<String, double[]> self) {
        events.sort(Comparator.comparingDouble(Event::start).thenComparing(Comparator.comparingDouble(Event::duration).reversed()));
        Deque<Event> open = new ArrayDeque<>();
        Map<Event, double[]> childTime = new java.util.IdentityHashMap<>();
        for (Event e : events) {
            while (!open.isEmpty() && open.peek().end() <= e.start()) {
                close(open.pop(), childTime, self);
            }
            if (open.isEmpty()) {
                add(top, e.name(), e.duration());
            } else {
                childTime.computeIfAbsent(open.peek(), k -> new double[1])[0] += e.duration();
            }
            open.push(e);
        }
        while (!open.isEmpty()) {
            close(open.pop(), childTime, self);
        }
    }

    private static void close(Event e, Map<Event, double[]> childTime, Map<String, double[]> self) {
        double[] children = childTime.remove(e);
        add(self, e.name(), Math.max(0, e.duration() - (children == null ? 0 : children[0])));
    }

    private static void add(Map<String, double[]> into, String name, double micros) {
        double[] v = into.computeIfAbsent(name, n -> new double[2]);
        v[0]++;
        v[1] += micros;
    }

    private static List<Op> sorted(Map<String, double[]> ops) {
        List<Op> out = new ArrayList<>();
        ops.forEach((name, v) -> out.add(new Op(name, (long) v[0], v[1])));
        out.sort(Comparator.comparingDouble(Op::micros).reversed().thenComparing(Op::name));
        return List.copyOf(out);
    }
}
