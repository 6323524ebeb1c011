package kr.sbert.workbench.core.model.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.Limits;
import kr.sbert.workbench.core.UserText;
import kr.sbert.workbench.core.model.MalformedModelException;
import net.razorvine.pickle.PickleException;

/**
 * Reads a PyTorch state dict saved by {@code torch.save} ({@code pytorch_model.bin}) without
 * running any of its code: the pickle goes through {@link TorchUnpickler}'s allow-list and the
 * storages are memory-mapped straight out of the file. Both the zip format (PyTorch ≥ 1.6) and
 * the legacy format (magic number followed by pickles and raw storages) are read.
 */
public final class TorchCheckpointReader {

    /** Far more than a state dict's pickle needs (BERT-base: about 30 KB); see {@link Limits}. */
    static final long MAX_PICKLE_BYTES = Limits.PICKLE_MAX_BYTES;

    private TorchCheckpointReader() {
    }

    /**
     * @return the state dict's tensors in pickle order
     * @throws MalformedModelException naming the file and what is wrong or refused
     */
    public static Map<String, RawTensor> read(Path file) throws MalformedModelException {
        String fn = FileRegions.name(file);
        try (FileRegions regions = FileRegions.open(file)) {
            int headLength = (int) Math.min(16, regions.size());
            byte[] head = new byte[headLength];
            regions.slice(0, headLength, "file start").get(head);
            return switch (WeightFormat.of(head, headLength)) {
                case TORCH_ZIP -> readZip(fn, regions);
                case TORCH_LEGACY -> readLegacy(fn, regions);
                default -> throw new MalformedModelException(fn
                        + ": not a PyTorch checkpoint (neither a torch.save zip nor the legacy format)");
            };
        }
    }

    private static Map<String, RawTensor> readZip(String fn, FileRegions regions) throws MalformedModelException {
        TorchZipIndex index = TorchZipIndex.read(regions, fn);
        String first = index.firstName();
        int slash = first.indexOf('/');
        if (slash <= 0) {
            throw new MalformedModelException(fn + ": zip entry '" + first
                    + "' is not inside a folder; not a torch.save archive");
        }
        String folder = first.substring(0, slash + 1);
        TorchZipIndex.Entry pkl = index.entries().get(folder + "data.pkl");
        if (pkl == null) {
            throw new MalformedModelException(fn + ": no " + folder + "data.pkl in the archive"
                    + (index.entries().containsKey(folder + "constants.pkl") ? " (a TorchScript archive, not a state dict)" : ""));
        }
        boolean bigEndian = byteOrder(fn, regions, index.entries().get(folder + "byteorder"));
        Object root = unpickle(fn, pickleStream(fn, regions, pkl));
        Map<String, TorchTensorRecipe> recipes = recipes(fn, root);
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        long[] copyBudget = {regions.size()};
        for (Map.Entry<String, TorchTensorRecipe> e : recipes.entrySet()) {
            TorchStorageRef ref = e.getValue().storage();
            TorchZipIndex.Entry data = index.entries().get(folder + "data/" + ref.key());
            if (data == null) {
                throw new MalformedModelException(fn + ": tensor '" + e.getKey() + "' names storage '" + ref.key()
                        + "' but the archive has no " + folder + "data/" + ref.key());
            }
            long bytes = storageBytes(fn, e.getKey(), ref);
            if (bytes > data.size()) {
                throw new MalformedModelException(fn + ": storage '" + ref.key() + "' claims " + bytes
                        + " bytes but its entry holds " + data.size());
            }
            ByteBuffer storage = regions.slice(data.dataOffset(), bytes, "storage '" + ref.key() + "'");
            tensors.put(e.getKey(), TorchTensorAssembler.assemble(fn, e.getKey(), e.getValue(), storage, bigEndian,
                    copyBudget));
        }
        return tensors;
    }

    /**
     * Legacy layout: pickles of the magic number, the protocol version, system info and the
     * state dict, then a pickled list of storage keys, then per key an int64 element count
     * followed by the storage's bytes.
     */
    private static Map<String, RawTensor> readLegacy(String fn, FileRegions regions) throws MalformedModelException {
        if (regions.size() > Integer.MAX_VALUE) {
            throw new MalformedModelException(fn + ": legacy-format checkpoints over 2 GB are not supported; "
                    + "re-save it with torch.save in PyTorch >= 1.6 or convert it to model.safetensors");
        }
        long[] at = {0};
        unpickleLegacy(fn, regions, at); // magic number
        Object protocol = unpickleLegacy(fn, regions, at);
        if (!(protocol instanceof Number p) || p.intValue() != 1001) {
            throw new MalformedModelException(fn + ": legacy checkpoint protocol " + TorchUnpickler.describe(protocol)
                    + " is not supported");
        }
        Object sysInfo = unpickleLegacy(fn, regions, at);
        if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
            throw new MalformedModelException(fn + ": big-endian legacy checkpoints are not supported");
        }
        Map<String, TorchTensorRecipe> recipes = recipes(fn, unpickleLegacy(fn, regions, at));
        Object keys = unpickleLegacy(fn, regions, at);
        if (!(keys instanceof List<?> keyList)) {
            throw new MalformedModelException(fn + ": legacy storage key list is missing");
        }
        if (keyList.size() > Limits.TENSORS_MAX) {
            throw new MalformedModelException(fn + ": lists " + keyList.size() + " storages (limit " + Limits.TENSORS_MAX + ")");
        }
        Map<String, TorchStorageRef> refs = new LinkedHashMap<>();
        recipes.values().forEach(r -> refs.putIfAbsent(r.storage().key(), r.storage()));
        Map<String, ByteBuffer> storages = new LinkedHashMap<>();
        long position = at[0];
        for (Object item : keyList) {
            if (!(item instanceof String key)) {
                // keys are strings; rendering anything else could recurse without end
                throw new MalformedModelException(fn + ": legacy storage key " + TorchUnpickler.describe(item)
                        + " is not a string");
            }
            TorchStorageRef ref = refs.get(key);
            if (ref == null) {
                throw new MalformedModelException(fn + ": legacy storage key " + TorchUnpickler.describe(key)
                        + " is used by no tensor");
            }
            ByteBuffer count = regions.slice(position, 8, "element count of storage '" + key + "'");
            long numel = count.getLong(0);
            if (numel != ref.numel()) {
                throw new MalformedModelException(fn + ": storage " + TorchUnpickler.describe(key) + " holds " + numel
                        + " elements but the pickle says " + ref.numel());
            }
            long bytes = storageBytes(fn, key, ref);
            storages.put(ref.key(), regions.slice(position + 8, bytes, "storage '" + key + "'"));
            position += 8 + bytes;
        }
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        long[] copyBudget = {regions.size()};
        for (Map.Entry<String, TorchTensorRecipe> e : recipes.entrySet()) {
            ByteBuffer storage = storages.get(e.getValue().storage().key());
            if (storage == null) {
                throw new MalformedModelException(fn + ": tensor '" + e.getKey() + "' names storage '"
                        + e.getValue().storage().key() + "' which the file does not hold");
            }
            tensors.put(e.getKey(), TorchTensorAssembler.assemble(fn, e.getKey(), e.getValue(), storage, false,
                    copyBudget));
        }
        return tensors;
    }

    /**
     * One pickle of a legacy file, starting at {@code at[0]} (advanced past it): the unpickler sees
     * at most {@link Limits#PICKLE_MAX_BYTES} of the file, so a pickle cannot run on for the
     * hundreds of MB the storages take.
     */
    private static Object unpickleLegacy(String fn, FileRegions regions, long[] at) throws MalformedModelException {
        long window = Math.min(regions.size() - at[0], MAX_PICKLE_BYTES);
        ByteBufferInputStream in = new ByteBufferInputStream(regions.slice(at[0], window, "pickle"));
        try {
            return unpickle(fn, in);
        } catch (MalformedModelException e) {
            if (in.available() == 0 && window == MAX_PICKLE_BYTES) {
                throw new MalformedModelException(fn + ": a pickle runs on for more than "
                        + (MAX_PICKLE_BYTES >> 20) + " MB (a state dict's takes well under 1 MB)", e);
            }
            throw e;
        } finally {
            at[0] += in.position();
        }
    }

    private static ByteBufferInputStream pickleStream(String fn, FileRegions regions, TorchZipIndex.Entry pkl)
            throws MalformedModelException {
        if (pkl.size() > MAX_PICKLE_BYTES) {
            throw new MalformedModelException(fn + ": " + UserText.quote(pkl.name()) + " is " + pkl.size()
                    + " bytes (limit " + (MAX_PICKLE_BYTES >> 20) + " MB)");
        }
        return new ByteBufferInputStream(regions.slice(pkl.dataOffset(), pkl.size(), pkl.name()));
    }

    private static boolean byteOrder(String fn, FileRegions regions, TorchZipIndex.Entry entry)
            throws MalformedModelException {
        if (entry == null) {
            return false; // written before PyTorch recorded it: little-endian
        }
        if (entry.size() > 16) {
            throw new MalformedModelException(fn + ": " + entry.name() + " is " + entry.size() + " bytes");
        }
        ByteBuffer b = regions.slice(entry.dataOffset(), entry.size(), entry.name());
        byte[] text = new byte[b.remaining()];
        b.get(text);
        String order = new String(text, StandardCharsets.US_ASCII).trim();
        return switch (order) {
            case "little" -> false;
            case "big" -> true;
            default -> throw new MalformedModelException(fn + ": " + entry.name() + " says '" + order
                    + "' (expected 'little' or 'big')");
        };
    }

    private static Object unpickle(String fn, ByteBufferInputStream in) throws MalformedModelException {
        try {
            return new TorchUnpickler(in).run();
        } catch (TorchUnpickler.RefusedPickleException e) {
            throw new MalformedModelException(fn + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new MalformedModelException(fn + ": the pickle is corrupt (" + corruption(e) + ")", e);
        }
    }

    /** What went wrong inside a pickle, in words (never a Java class name). */
    private static String corruption(Exception e) {
        if (e instanceof NumberFormatException) {
            return "a number opcode holds text that is not a number";
        }
        if (e instanceof java.io.EOFException || (e instanceof IOException && e.getMessage() == null)) {
            return "it ends early";
        }
        if (e instanceof PickleException && e.getMessage() != null) {
            return UserText.quote(e.getMessage().lines().findFirst().orElse(""));
        }
        if (e instanceof IOException) {
            return "it ends early or cannot be read";
        }
        return "an opcode finds the wrong values on the stack";
    }

    private static Map<String, TorchTensorRecipe> recipes(String fn, Object root) throws MalformedModelException {
        if (!(root instanceof Map<?, ?> map)) {
            throw new MalformedModelException(fn + ": the pickle holds " + TorchUnpickler.describe(root)
                    + ", not a state dict (save model.state_dict(), not the model)");
        }
        if (map.size() > Limits.TENSORS_MAX) {
            throw new MalformedModelException(fn + ": the state dict has " + map.size() + " entries (limit "
                    + Limits.TENSORS_MAX + ")");
        }
        Map<String, TorchTensorRecipe> recipes = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw new MalformedModelException(fn + ": state dict key " + TorchUnpickler.describe(e.getKey())
                        + " is not a string");
            }
            if (!(e.getValue() instanceof TorchTensorRecipe recipe)) {
                throw new MalformedModelException(fn + ": state dict entry '" + UserText.quote(name) + "' is not a tensor");
            }
            recipes.put(name, recipe);
        }
        return recipes;
    }

    private static long storageBytes(String fn, String name, TorchStorageRef ref) throws MalformedModelException {
        try {
            return Math.multiplyExact(ref.numel(), (long) ref.dtype().byteSize());
        } catch (ArithmeticException e) {
            throw new MalformedModelException(fn + ": storage of '" + name + "' claims " + ref.numel() + " elements");
        }
    }
}
