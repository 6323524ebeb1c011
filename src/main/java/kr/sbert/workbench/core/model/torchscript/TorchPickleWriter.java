package kr.sbert.workbench.core.model.torchscript;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few pickle protocol 2 opcodes TorchScript's C++ unpickler reads in an archive's
 * {@code data.pkl} and {@code constants.pkl}: strings, ints, bools, doubles, tuples, dicts,
 * globals and the calls that rebuild objects and tensors. No memo ({@code BINPUT}) is written:
 * the unpickler does not need it. Callers emit the opcodes in the order of the object they
 * describe; {@link #toByteArray()} ends the pickle with {@code STOP}.
 */
final class TorchPickleWriter {
    private static final int PROTO = 0x80;
    private static final int STOP = '.';
    private static final int MARK = '(';
    private static final int GLOBAL = 'c';
    private static final int BINUNICODE = 'X';
    private static final int BININT1 = 'K';
    private static final int BININT2 = 'M';
    private static final int BININT = 'J';
    private static final int LONG1 = 0x8a;
    private static final int BINFLOAT = 'G';
    private static final int NEWTRUE = 0x88;
    private static final int NEWFALSE = 0x89;
    private static final int EMPTY_TUPLE = ')';
    private static final int TUPLE = 't';
    private static final int EMPTY_DICT = '}';
    private static final int SETITEMS = 'u';
    private static final int NEWOBJ = 0x81;
    private static final int BUILD = 'b';
    private static final int REDUCE = 'R';
    private static final int BINPERSID = 'Q';

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TorchPickleWriter() {
        out.write(PROTO);
        out.write(2);
    }

    /** {@code GLOBAL module\nname\n}: a class or function by its qualified name. */
    TorchPickleWriter global(String module, String name) {
        out.write(GLOBAL);
        writeAscii(module + "\n" + name + "\n");
        return this;
    }

    TorchPickleWriter string(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(BINUNICODE);
        writeLittleEndian(bytes.length, 4);
        out.write(bytes, 0, bytes.length);
        return this;
    }

    /** The shortest int opcode the unpickler reads for {@code value}, as torch's pickler picks. */
    TorchPickleWriter integer(long value) {
        if (value >= 0 && value <= 0xFF) {
            out.write(BININT1);
            out.write((int) value);
        } else if (value >= 0 && value <= 0xFFFF) {
            out.write(BININT2);
            writeLittleEndian(value, 2);
        } else if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            out.write(BININT);
            writeLittleEndian(value, 4);
        } else {
            out.write(LONG1);
            out.write(8); // the unpickler reads only 8-byte LONG1s
            writeLittleEndian(value, 8);
        }
        return this;
    }

    TorchPickleWriter bool(boolean value) {
        out.write(value ? NEWTRUE : NEWFALSE);
        return this;
    }

    /** {@code BINFLOAT}: a double, big-endian as pickle wants. */
    TorchPickleWriter floating(double value) {
        out.write(BINFLOAT);
        long bits = Double.doubleToLongBits(value);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (bits >>> shift) & 0xFF);
        }
        return this;
    }

    TorchPickleWriter mark() {
        out.write(MARK);
        return this;
    }

    /** Closes the items since the last {@link #mark()} into a tuple. */
    TorchPickleWriter tuple() {
        out.write(TUPLE);
        return this;
    }

    TorchPickleWriter emptyTuple() {
        out.write(EMPTY_TUPLE);
        return this;
    }

    TorchPickleWriter emptyDict() {
        out.write(EMPTY_DICT);
        return this;
    }

    /** Adds the key/value pairs since the last {@link #mark()} to the dict below the mark. */
    TorchPickleWriter setItems() {
        out.write(SETITEMS);
        return this;
    }

    TorchPickleWriter newObj() {
        out.write(NEWOBJ);
        return this;
    }

    TorchPickleWriter build() {
        out.write(BUILD);
        return this;
    }

    TorchPickleWriter reduce() {
        out.write(REDUCE);
        return this;
    }

    /** {@code BINPERSID}: the tuple on the stack names data kept outside the pickle (a storage). */
    TorchPickleWriter persistentId() {
        out.write(BINPERSID);
        return this;
    }

    /** The pickle so far, ended with {@code STOP}; the writer must not be used afterwards. */
    byte[] toByteArray() {
        out.write(STOP);
        return out.toByteArray();
    }

    private void writeAscii(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes, 0, bytes.length);
    }

    private void writeLittleEndian(long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }
}
