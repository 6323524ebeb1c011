package kr.sbert.workbench.core.model.weights;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.Limits;
import kr.sbert.workbench.core.UserText;
import kr.sbert.workbench.core.io.BoundedJson;
import kr.sbert.workbench.core.model.MalformedModelException;

/**
 * Reads a {@code .safetensors} file by memory-mapping it: the tensors' data are read-only
 * slices of the mapping, nothing is copied. Every size and offset in the header is checked
 * against the file before any of it is used.
 */
public final class SafetensorsReader {

    private SafetensorsReader() {
    }

    /**
     * @return the tensors in header order
     * @throws MalformedModelException naming the file and the field or tensor at fault
     */
    public static Map<String, RawTensor> read(Path file) throws MalformedModelException {
        String fn = FileRegions.name(file);
        try (FileRegions regions = FileRegions.open(file)) {
            long fileSize = regions.size();
            if (fileSize < 8) {
                throw new MalformedModelException(fn + ": " + fileSize
                        + " bytes is too short for a safetensors file (needs an 8-byte header length)");
            }
            long headerLength = regions.slice(0, 8, "header length").getLong(0);
            if (headerLength < 0 || headerLength > Limits.SAFETENSORS_HEADER_MAX_BYTES) {
                throw new MalformedModelException(fn + ": header claims " + Long.toUnsignedString(headerLength)
                        + " bytes (limit " + (Limits.SAFETENSORS_HEADER_MAX_BYTES >> 20) + " MB)");
            }
            if (8 + headerLength > fileSize) {
                throw new MalformedModelException(fn + ": header claims " + headerLength
                        + " bytes but the file has only " + (fileSize - 8) + " after the length field");
            }
            JsonObject header = parseHeader(fn, regions.slice(8, headerLength, "header"));
            List<Entry> entries = entries(fn, header);
            long dataStart = 8 + headerLength;
            long dataEnd = checkLayout(fn, entries);
            if (dataStart + dataEnd != fileSize) {
                throw new MalformedModelException(fn + ": tensor data ends at byte " + (dataStart + dataEnd)
                        + " but the file has " + fileSize + " bytes ("
                        + (dataStart + dataEnd > fileSize ? "truncated" : "trailing bytes") + ")");
            }
            Map<String, RawTensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                ByteBuffer data = regions.slice(dataStart + e.begin, e.end - e.begin, "tensor '" + e.name + "'");
                tensors.put(e.name, new RawTensor(e.name, e.dtype, e.shape, data));
            }
            return tensors;
        }
    }

    /** One tensor's header entry, validated on its own. */
    private record Entry(String name, TensorDType dtype, long[] shape, long begin, long end) {
    }

    private static JsonObject parseHeader(String fn, ByteBuffer bytes) throws MalformedModelException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedModelException(fn + ": header is not UTF-8 text");
        }
        if (!text.startsWith("{")) {
            throw new MalformedModelException(fn + ": header is not a JSON object (does not start with '{')");
        }
        try {
            // a tensor entry is 8 values; metadata strings a few more
            // the format's header is JSON (serde_json writes it): nothing lenient is accepted
            JsonElement root = BoundedJson.parseStrict(text, Limits.TENSORS_MAX * 10);
            if (!root.isJsonObject()) {
                throw new MalformedModelException(fn + ": header is not a JSON object");
            }
            int tensors = root.getAsJsonObject().size() - (root.getAsJsonObject().has(SafetensorsFormat.METADATA_KEY) ? 1 : 0);
            if (tensors > Limits.TENSORS_MAX) {
                throw new MalformedModelException(fn + ": header lists " + tensors + " tensors (limit "
                        + Limits.TENSORS_MAX + ")");
            }
            return root.getAsJsonObject();
        } catch (BoundedJson.JsonProblem e) {
            throw new MalformedModelException(fn + ": header: " + e.getMessage());
        }
    }

    private static List<Entry> entries(String fn, JsonObject header) throws MalformedModelException {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonElement> member : header.entrySet()) {
            String name = member.getKey();
            if (name.equals(SafetensorsFormat.METADATA_KEY)) {
                checkMetadata(fn, member.getValue());
                continue;
            }
            if (!member.getValue().isJsonObject()) {
                throw new MalformedModelException(fn + ": tensor '" + name + "' is not a JSON object");
            }
            entries.add(entry(fn, name, member.getValue().getAsJsonObject()));
        }
        return entries;
    }

    private static void checkMetadata(String fn, JsonElement metadata) throws MalformedModelException {
        if (!metadata.isJsonObject()) {
            throw new MalformedModelException(fn + ": __metadata__ is not a JSON object");
        }
        for (Map.Entry<String, JsonElement> m : metadata.getAsJsonObject().entrySet()) {
            JsonElement v = m.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw new MalformedModelException(fn + ": __metadata__ value '" + m.getKey() + "' is not a string");
            }
        }
    }

    private static Entry entry(String fn, String name, JsonObject t) throws MalformedModelException {
        String where = fn + ": tensor '" + name + "'";
        JsonElement dtypeJson = t.get("dtype");
        if (dtypeJson == null || !dtypeJson.isJsonPrimitive() || !dtypeJson.getAsJsonPrimitive().isString()) {
            throw new MalformedModelException(where + ": missing or non-string 'dtype'");
        }
        String dtypeName = dtypeJson.getAsString();
        TensorDType dtype = SafetensorsFormat.dtypeOf(dtypeName).orElseThrow(() ->
                new MalformedModelException(where + ": unknown dtype '" + dtypeName + "'"));
        long[] shape = longArray(where, t, "shape", -1);
        long[] offsets = longArray(where, t, "data_offsets", 2);
        long numel = 1;
        try {
            for (long d : shape) {
                numel = Math.multiplyExact(numel, d);
            }
        } catch (ArithmeticException e) {
            throw new MalformedModelException(where + ": shape " + Arrays.toString(shape) + " is too large");
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin) {
            throw new MalformedModelException(where + ": data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        long expected = numel > Long.MAX_VALUE / dtype.byteSize() ? -1 : numel * dtype.byteSize();
        if (end - begin != expected) {
            throw new MalformedModelException(where + ": data_offsets [" + begin + ", " + end + "] hold "
                    + (end - begin) + " bytes but " + dtypeName + " shape " + Arrays.toString(shape)
                    + " needs " + (expected < 0 ? "more than 2^63" : String.valueOf(expected)));
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** Reads a JSON array of non-negative integers; {@code length} -1 means any length. */
    private static long[] longArray(String where, JsonObject t, String field, int length)
            throws MalformedModelException {
        JsonElement json = t.get(field);
        if (json == null || !json.isJsonArray()) {
            throw new MalformedModelException(where + ": missing or non-array '" + field + "'");
        }
        JsonArray array = json.getAsJsonArray();
        if (length >= 0 && array.size() != length) {
            throw new MalformedModelException(where + ": '" + field + "' must have " + length + " numbers");
        }
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = nonNegativeLong(where, field, array.get(i));
        }
        return values;
    }

    /** The format wants integers: {@code 32.0} and {@code 3.2e1} are refused, as the Rust reader refuses them. */
    private static long nonNegativeLong(String where, String field, JsonElement v) throws MalformedModelException {
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
            String literal = ((JsonPrimitive) v).getAsString();
            if (literal.length() <= 19 && !literal.isEmpty() && literal.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Long.parseLong(literal); // 19 digits: at most 9,999,999,999,999,999,999 > Long.MAX_VALUE
            }
        }
        throw new MalformedModelException(where + ": '" + field + "' holds " + BoundedJson.describe(v)
                + " (needs a non-negative integer)");
    }

    /** Offsets must tile the data buffer from 0 without overlaps or holes; returns its end. */
    private static long checkLayout(String fn, List<Entry> entries) throws MalformedModelException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expectedBegin = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin < expectedBegin) {
                throw new MalformedModelException(fn + ": tensor '" + e.name + "' data_offsets [" + e.begin + ", "
                        + e.end + "] overlap tensor '" + previous.name + "' (ends at " + expectedBegin + ")");
            }
            if (e.begin > expectedBegin) {
                throw new MalformedModelException(fn + ": tensor '" + e.name + "' data_offsets begin at " + e.begin
                        + " leaving a hole after byte " + expectedBegin);
            }
            expectedBegin = e.end;
            previous = e;
        }
        return expectedBegin;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
