package kr.sbert.workbench.core.model.torchscript;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript module archive ({@code torch.jit.save}'s {@code .pt} zip) holding one module
 * class with tensor attributes and TorchScript source, as libtorch's {@code torch::jit::load}
 * reads it:
 * <ul>
 *   <li>{@code <folder>/data.pkl}: the module object, pickled as torch's C++ pickler does (class
 *       global, {@code NEWOBJ}, a dict of attributes, {@code BUILD}); each tensor is a
 *       {@code torch._utils._rebuild_tensor_v2} call on a persistent storage id;</li>
 *   <li>{@code <folder>/code/<qualifier as path>.py}: the class source, compiled on load;</li>
 *   <li>{@code <folder>/constants.pkl}: the (empty) tuple of tensor constants;</li>
 *   <li>{@code <folder>/data/<key>}: each storage's raw little-endian bytes;</li>
 *   <li>{@code <folder>/.data/version} and {@code <folder>/byteorder}.</li>
 * </ul>
 * Entries are STORED with each record's data aligned to 64 bytes by an {@code FB} extra field,
 * as torch's writer does (the reader does not need it, but a memory map would).
 */
public final class TorchScriptArchive {
    /**
     * The file-format version written: the newest libtorch 2.x reads (kMaxSupportedFileFormatVersion
     * 10). Below 10 the loader rewrites {@code gelu} through an operator upgrader, below 4 also
     * {@code div}; at 10 the source runs as written.
     */
    static final int FILE_FORMAT_VERSION = 10;
    private static final int ALIGNMENT = 64;
    private static final int LOCAL_HEADER_SIZE = 30;
    private static final short PADDING_EXTRA_ID = 0x4246; // "FB", little-endian

    /** A tensor's element type as torch names its storage class. */
    private enum DType {
        FLOAT32("FloatStorage", 4), INT64("LongStorage", 8);

        private final String storageClass;
        private final int bytes;

        DType(String storageClass, int bytes) {
            this.storageClass = storageClass;
            this.bytes = bytes;
        }
    }

    private record Tensor(String name, DType dtype, long[] shape, ByteBuffer data, boolean parameter) {
        long numel() {
            return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }
    }

    private final String qualifier;
    private final String className;
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<String> methods = new ArrayList<>();

    /**
     * @param qualifiedClassName the module's class, e.g.
     *                           {@code __torch__.transformers.models.bert.modeling_bert.BertModel}
     */
    public TorchScriptArchive(String qualifiedClassName) {
        int dot = qualifiedClassName.lastIndexOf('.');
        if (dot <= 0 || !qualifiedClassName.startsWith("__torch__")) {
            throw new IllegalArgumentException("class name must be qualified under __torch__: " + qualifiedClassName);
        }
        this.qualifier = qualifiedClassName.substring(0, dot);
        this.className = qualifiedClassName.substring(dot + 1);
    }

    /** A float32 parameter (listed in {@code __parameters__}); {@code data} is read from position 0. */
    public TorchScriptArchive parameter(String name, ByteBuffer float32LittleEndian, long... shape) {
        return add(new Tensor(name, DType.FLOAT32, shape.clone(), float32LittleEndian, true));
    }

    /** An int64 buffer attribute (not a parameter), e.g. HF's {@code position_ids}. */
    public TorchScriptArchive buffer(String name, long[] values, long... shape) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        data.asLongBuffer().put(values);
        return add(new Tensor(name, DType.INT64, shape.clone(), data, false));
    }

    /**
     * A method of the class in TorchScript source, written at class-body level (its {@code def}
     * line unindented); the archive indents it into the class.
     */
    public TorchScriptArchive method(String source) {
        methods.add(source);
        return this;
    }

    private TorchScriptArchive add(Tensor t) {
        if (!t.name().matches("[A-Za-z_][A-Za-z0-9_]*") || t.name().equals("training")) {
            throw new IllegalArgumentException("not a usable attribute name: " + t.name());
        }
        long bytes = t.numel() * t.dtype().bytes;
        if (t.data().limit() < bytes) {
            throw new IllegalArgumentException(t.name() + ": " + t.data().limit() + " bytes, its shape needs " + bytes);
        }
        tensors.add(t);
        return this;
    }

    /** The class source as it goes into {@code code/}. */
    String source() {
        StringBuilder s = new StringBuilder();
        s.append("class ").append(className).append("(Module):\n");
        s.append("  __parameters__ = [");
        for (Tensor t : tensors) {
            if (t.parameter()) {
                s.append('"').append(t.name()).append("\", ");
            }
        }
        s.append("]\n");
        s.append("  training : bool\n");
        for (Tensor t : tensors) {
            s.append("  ").append(t.name()).append(" : Tensor\n");
        }
        for (String method : methods) {
            for (String line : method.split("\n", -1)) {
                s.append(line.isEmpty() ? "" : "  " + line).append('\n');
            }
        }
        return s.toString();
    }

    /** The module object: every attribute by name, {@code training} false (eval mode). */
    byte[] dataPickle() {
        TorchPickleWriter p = new TorchPickleWriter();
        p.global(qualifier, className).emptyTuple().newObj();
        p.emptyDict().mark();
        p.string("training").bool(false);
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            p.string(t.name());
            tensor(p, t, Integer.toString(i));
        }
        p.setItems().build();
        return p.toByteArray();
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks)}, contiguous. */
    private static void tensor(TorchPickleWriter p, Tensor t, String key) {
        p.global("torch._utils", "_rebuild_tensor_v2").mark();
        p.mark().string("storage").global("torch", t.dtype().storageClass).string(key).string("cpu")
                .integer(t.numel()).tuple().persistentId();
        p.integer(0);
        p.mark();
        for (long d : t.shape()) {
            p.integer(d);
        }
        p.tuple();
        p.mark();
        long stride = 1;
        long[] strides = new long[t.shape().length];
        for (int i = strides.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= t.shape()[i];
        }
        for (long s : strides) {
            p.integer(s);
        }
        p.tuple();
        p.bool(false);
        p.global("collections", "OrderedDict").emptyTuple().reduce();
        p.tuple().reduce();
    }

    /** Writes the archive; its top folder is the file name without extension, as torch names it. */
    public void write(Path file) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String folder = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9_.-]", "_");
        if (folder.isEmpty()) {
            folder = "archive";
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (CountingStream counter = new CountingStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20));
             ZipOutputStream zip = new ZipOutputStream(counter)) {
            Entries entries = new Entries(zip, counter, folder);
            entries.put("data.pkl", ByteBuffer.wrap(dataPickle()));
            entries.put("code/" + qualifier.replace('.', '/') + ".py",
                    ByteBuffer.wrap(source().getBytes(StandardCharsets.UTF_8)));
            entries.put("constants.pkl", ByteBuffer.wrap(new TorchPickleWriter().emptyTuple().toByteArray()));
            for (int i = 0; i < tensors.size(); i++) {
                Tensor t = tensors.get(i);
                ByteBuffer data = t.data().duplicate().position(0).limit((int) (t.numel() * t.dtype().bytes));
                entries.put("data/" + i, data);
            }
            entries.put(".data/version", ByteBuffer.wrap((FILE_FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII)));
            entries.put("byteorder", ByteBuffer.wrap("little".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    /** STORED zip entries whose data starts on a 64-byte boundary. */
    private record Entries(ZipOutputStream zip, CountingStream counter, String folder) {
        void put(String record, ByteBuffer data) throws IOException {
            String fullName = folder + "/" + record;
            int nameBytes = fullName.getBytes(StandardCharsets.UTF_8).length;
            ZipEntry e = new ZipEntry(fullName);
            e.setMethod(ZipEntry.STORED);
            e.setTime(315532800000L + 86_400_000L); // fixed (1980-01-02), so equal inputs give equal files
            int size = data.remaining();
            e.setSize(size);
            e.setCompressedSize(size);
            CRC32 crc = new CRC32();
            crc.update(data.duplicate());
            e.setCrc(crc.getValue());
            // the local header is written at the stream's current position: pad its extra field so
            // the data after it lands on an aligned offset
            long dataStart = counter.count + LOCAL_HEADER_SIZE + nameBytes + 4;
            int padding = (int) ((ALIGNMENT - dataStart % ALIGNMENT) % ALIGNMENT);
            ByteBuffer extra = ByteBuffer.allocate(4 + padding).order(ByteOrder.LITTLE_ENDIAN);
            extra.putShort(PADDING_EXTRA_ID).putShort((short) padding);
            while (extra.hasRemaining()) {
                extra.put((byte) 'Z');
            }
            e.setExtra(extra.array());
            zip.putNextEntry(e);
            byte[] chunk = new byte[Math.min(size, 1 << 20)];
            ByteBuffer src = data.duplicate();
            while (src.hasRemaining()) {
                int n = Math.min(chunk.length, src.remaining());
                src.get(chunk, 0, n);
                zip.write(chunk, 0, n);
            }
            zip.closeEntry();
        }
    }

    /** Counts the bytes the zip writer has handed down, i.e. the current file offset. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
