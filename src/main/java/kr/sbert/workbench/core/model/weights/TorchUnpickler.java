package kr.sbert.workbench.core.model.weights;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.Limits;
import kr.sbert.workbench.core.UserText;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles a checkpoint's {@code data.pkl} with an allow-list: only the globals that build a
 * state dict of tensors resolve; any other global (e.g. {@code os.system}) is refused at the
 * GLOBAL / STACK_GLOBAL opcode, before any REDUCE could call it. Opcodes that construct
 * objects by other routes (INST, OBJ, NEWOBJ, extension registry) are refused outright.
 * Dicts keep their insertion order. The result holds {@link TorchTensorRecipe}s; no data is read.
 * Not thread-safe; one instance per pickle.
 */
final class TorchUnpickler extends Unpickler {

    /** Thrown for a pickle this reader will not run; the message is one line without the file name. */
    static final class RefusedPickleException extends PickleException {
        RefusedPickleException(String message) {
            super(message);
        }
    }

    private static final String REBUILD_TENSOR = "torch._utils._rebuild_tensor_v2";
    private static final String REBUILD_PARAMETER = "torch._utils._rebuild_parameter";
    private static final String ORDERED_DICT = "collections.OrderedDict";

    /** A storage class global, e.g. {@code torch.FloatStorage}. */
    private record StorageType(String name, TensorDType dtype) {
    }

    private static final Map<String, TensorDType> STORAGE_TYPES = Map.of(
            "torch.FloatStorage", TensorDType.F32, "torch.DoubleStorage", TensorDType.F64,
            "torch.HalfStorage", TensorDType.F16, "torch.BFloat16Storage", TensorDType.BF16,
            "torch.LongStorage", TensorDType.I64, "torch.IntStorage", TensorDType.I32,
            "torch.ShortStorage", TensorDType.I16, "torch.CharStorage", TensorDType.I8,
            "torch.ByteStorage", TensorDType.U8, "torch.BoolStorage", TensorDType.BOOL);

    /** Longest text line accepted in a line-based opcode. */
    private static final int MAX_LINE = Limits.PICKLE_MAX_LINE;

    private final InputStream source;
    private int opcodes;

    TorchUnpickler(InputStream source) {
        this.source = source;
    }

    /** Runs the pickle to its STOP opcode; the stream is left just after it. */
    Object run() throws IOException {
        return load(source);
    }

    @Override
    protected Object dispatch(short opcode) throws PickleException, IOException {
        if (++opcodes > Limits.PICKLE_MAX_OPCODES) {
            throw new RefusedPickleException("the pickle runs more than " + Limits.PICKLE_MAX_OPCODES
                    + " opcodes (a state dict needs a few thousand)");
        }
        switch (opcode) {
            case 'c' -> { // GLOBAL: module and name on two text lines
                checkLines(2);
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case 0x93 -> { // STACK_GLOBAL: module and name from the stack
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new RefusedPickleException("malformed STACK_GLOBAL opcode");
                }
                stack.add(resolve(m, n));
                return NO_RETURN_VALUE;
            }
            case 'i', 'o', 0x81, 0x92, 0x82, 0x83, 0x84 -> throw new RefusedPickleException(
                    "refused pickle opcode 0x" + Integer.toHexString(opcode)
                            + " (only tensor-building globals are allowed)");
            case 'b' -> { // BUILD: only OrderedDict state (its _metadata) is expected; it is dropped
                stack.pop();
                if (!(stack.peek() instanceof Map)) {
                    throw new RefusedPickleException("refused BUILD on " + describe(stack.peek()));
                }
                return NO_RETURN_VALUE;
            }
            case '}' -> { // EMPTY_DICT, ordered
                stack.add(new LinkedHashMap<>());
                return NO_RETURN_VALUE;
            }
            case 'd' -> { // DICT from the items since the mark, ordered
                Map<Object, Object> map = new LinkedHashMap<>();
                putPairs(map, stack.pop_all_since_marker());
                stack.add(map);
                return NO_RETURN_VALUE;
            }
            case 'u' -> { // SETITEMS, ordered
                List<Object> items = stack.pop_all_since_marker();
                putPairs(targetMap(), items);
                return NO_RETURN_VALUE;
            }
            case 's' -> { // SETITEM
                Object value = stack.pop();
                Object key = stack.pop();
                targetMap().put(checkKey(key), value);
                return NO_RETURN_VALUE;
            }
            case 'I', 'L', 'F', 'g', 'p' -> { // text numbers and memo indices: a few digits
                checkLines(1, Limits.PICKLE_MAX_NUMBER_CHARS);
                return super.dispatch(opcode);
            }
            case 'S', 'V', 'P' -> { // text-line opcodes
                checkLines(1);
                return super.dispatch(opcode);
            }
            case 'B', 'X', 'T' -> {
                checkLength(4);
                return super.dispatch(opcode);
            }
            case 0x8a, 0x8b -> { // LONG1, LONG4: a tensor offset or size needs at most 8 bytes
                checkIntegerLength(opcode == 0x8a ? 1 : 4);
                return super.dispatch(opcode);
            }
            case 0x8d, 0x8e, 0x96 -> {
                checkLength(8);
                return super.dispatch(opcode);
            }
            case 0x8f, 0x90, 0x91 -> // EMPTY_SET, ADDITEMS, FROZENSET: a hash set hashes its items deeply
                throw new RefusedPickleException("a set, which a state dict never holds");
            default -> {
                return super.dispatch(opcode);
            }
        }
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0])) {
            throw new RefusedPickleException("unexpected persistent id " + describe(pid));
        }
        if (!(t[1] instanceof StorageType type)) {
            throw new RefusedPickleException("persistent id names storage type " + describe(t[1]));
        }
        if (!(t[2] instanceof String key) || !(t[4] instanceof Number numel) || toLong(numel) < 0) {
            throw new RefusedPickleException("malformed storage persistent id for " + type.name());
        }
        if (t.length > 5 && t[5] != null) {
            throw new RefusedPickleException("storage views (legacy view_metadata) are not supported");
        }
        return new TorchStorageRef(key, type.dtype(), toLong(numel));
    }

    private Object resolve(String module, String name) {
        String global = module + "." + name;
        if (global.equals(ORDERED_DICT)) {
            return (IObjectConstructor) args -> new LinkedHashMap<>();
        }
        if (global.equals(REBUILD_TENSOR)) {
            return (IObjectConstructor) TorchUnpickler::rebuildTensor;
        }
        if (global.equals(REBUILD_PARAMETER)) {
            return (IObjectConstructor) args -> {
                if (args.length < 1 || !(args[0] instanceof TorchTensorRecipe)) {
                    throw new RefusedPickleException(REBUILD_PARAMETER + " called without a tensor");
                }
                return args[0];
            };
        }
        TensorDType dtype = STORAGE_TYPES.get(global);
        if (dtype != null) {
            return new StorageType(global, dtype);
        }
        throw new RefusedPickleException("refused pickle global '" + UserText.quote(global)
                + "' (only tensor-building globals are allowed)");
    }

    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof TorchStorageRef storage) || !(args[1] instanceof Number offset)
                || !(args[2] instanceof Object[] size) || !(args[3] instanceof Object[] stride)
                || size.length != stride.length) {
            throw new RefusedPickleException(REBUILD_TENSOR + " called with unexpected arguments");
        }
        return new TorchTensorRecipe(storage, toLong(offset), longs(size), longs(stride));
    }

    private static long[] longs(Object[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] instanceof Number n)) {
                throw new RefusedPickleException("tensor size/stride holds " + describe(values[i]));
            }
            out[i] = toLong(n);
        }
        return out;
    }

    private static long toLong(Number n) {
        if (n instanceof BigInteger b) {
            if (b.bitLength() > 63) {
                // never rendered in decimal: that alone is quadratic in the digits
                throw new RefusedPickleException("an integer of " + b.bitLength() + " bits is out of range");
            }
            return b.longValue();
        }
        if (!(n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte)) {
            throw new RefusedPickleException("expected an integer, found " + describe(n));
        }
        return n.longValue();
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> targetMap() {
        Object target = stack.peek();
        if (!(target instanceof Map)) {
            throw new RefusedPickleException("SETITEM(S) on " + describe(target));
        }
        return (Map<Object, Object>) target;
    }

    private static void putPairs(Map<Object, Object> map, List<Object> items) {
        if (items.size() % 2 != 0) {
            throw new RefusedPickleException("odd number of dict items");
        }
        for (int i = 0; i < items.size(); i += 2) {
            map.put(checkKey(items.get(i)), items.get(i + 1));
        }
    }

    /**
     * Dict keys must be atomic (a state dict's are strings, its metadata's too): hashing a list or
     * tuple key recurses through it, and a 200,000-deep or self-containing one would overflow the stack.
     */
    private static Object checkKey(Object key) {
        if (key == null || key instanceof String || key instanceof Number || key instanceof Boolean) {
            return key;
        }
        throw new RefusedPickleException("a dict key is " + describe(key) + " (a state dict's keys are strings)");
    }

    /** LONG1/LONG4: the byte count of the integer that follows. */
    private void checkIntegerLength(int width) throws IOException {
        input.mark(width);
        byte[] raw = PickleUtils.readbytes(input, width);
        input.reset();
        long length = width == 1 ? raw[0] & 0xff : Integer.toUnsignedLong(PickleUtils.bytes_to_integer(raw));
        if (length > Limits.PICKLE_MAX_INT_BYTES) {
            throw new RefusedPickleException("a pickle integer of " + length + " bytes (limit "
                    + Limits.PICKLE_MAX_INT_BYTES + ")");
        }
    }

    /** A length-prefixed opcode may not claim more bytes than the pickle has left. */
    private void checkLength(int width) throws IOException {
        input.mark(width);
        byte[] raw = PickleUtils.readbytes(input, width);
        input.reset();
        long length = width == 4 ? Integer.toUnsignedLong(PickleUtils.bytes_to_integer(raw))
                : PickleUtils.bytes_to_long(raw, 0);
        if (length < 0 || length > input.available() - width) {
            throw new RefusedPickleException("pickle opcode claims " + Long.toUnsignedString(length)
                    + " bytes but only " + Math.max(0, input.available() - width) + " remain");
        }
    }

    private void checkLines(int lines) throws IOException {
        checkLines(lines, MAX_LINE);
    }

    /** Text-line opcodes must end their lines soon (a huge decimal number would parse for hours). */
    private void checkLines(int lines, int maxLine) throws IOException {
        input.mark(maxLine * lines + lines);
        try {
            int seen = 0;
            for (int read = 0, b; seen < lines; read++) {
                b = input.read();
                if (b < 0) {
                    return; // the opcode itself reports the truncated pickle
                }
                if (b == '\n') {
                    seen++;
                    read = -1;
                } else if (read >= maxLine) {
                    throw new RefusedPickleException("pickle text line longer than " + maxLine + " bytes");
                }
            }
        } finally {
            input.reset();
        }
    }

    /**
     * A pickled value as a message shows it, never recursing into it (a list may hold itself or
     * nest 200,000 deep): containers by kind and size, scalars made visible and cut.
     */
    static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Object[] a) {
            return "a tuple of " + a.length + " values";
        }
        if (o instanceof java.util.Collection<?> c) {
            return "a list of " + c.size() + " values";
        }
        if (o instanceof Map<?, ?> m) {
            return "a dict of " + m.size() + " entries";
        }
        if (o instanceof BigInteger b) {
            return b.bitLength() > 63 ? "an integer of " + b.bitLength() + " bits" : b.toString();
        }
        if (o instanceof String || o instanceof Number || o instanceof Boolean) {
            return UserText.quote(o);
        }
        if (o instanceof StorageType t) {
            return t.name();
        }
        if (o instanceof TorchTensorRecipe || o instanceof TorchStorageRef) {
            return "a tensor";
        }
        return "a " + (o instanceof byte[] ? "bytes value" : "value of an unexpected kind");
    }
}
