package kr.sbert.workbench.core.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Least-recently-used embeddings in memory, bounded by an estimate of their bytes. Thread-safe. */
final class MemoryTier {
    private static final int OVERHEAD = 96;
    private final long maxBytes;
    private final LinkedHashMap<String, float[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    MemoryTier(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    static String key(String identityKey, String text) {
        return identityKey + '\u0000' + text;
    }

    private static long cost(String key, float[] v) {
        return 4L * v.length + 2L * key.length() + OVERHEAD;
    }

    synchronized float[] get(String key) {
        return entries.get(key);
    }

    synchronized void put(String key, float[] vector) {
        long c = cost(key, vector);
        if (c > maxBytes) {
            return;
        }
        float[] old = entries.put(key, vector);
        if (old != null) {
            bytes -= cost(key, old);
        }
        bytes += c;
        Iterator<Map.Entry<String, float[]>> it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<String, float[]> e = it.next();
            bytes -= cost(e.getKey(), e.getValue());
            it.remove();
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized void clear() {
        entries.clear();
        bytes = 0;
    }
}
