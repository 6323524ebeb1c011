package kr.sbert.workbench.core.model.weights;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes pickle opcodes by hand (protocol 2), the way torch.save lays out a state dict. */
final class PickleBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBytes raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    PickleBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    PickleBytes proto() {
        return raw(0x80, 2);
    }

    PickleBytes mark() {
        return raw('(');
    }

    PickleBytes emptyDict() {
        return raw('}');
    }

    PickleBytes emptyTuple() {
        return raw(')');
    }

    PickleBytes tuple() {
        return raw('t');
    }

    PickleBytes setitems() {
        return raw('u');
    }

    PickleBytes reduce() {
        return raw('R');
    }

    PickleBytes binpersid() {
        return raw('Q');
    }

    PickleBytes none() {
        return raw('N');
    }

    PickleBytes newFalse() {
        return raw(0x89);
    }

    PickleBytes stop() {
        return raw('.');
    }

    /** GLOBAL opcode: module and name as text lines. */
    PickleBytes global(String module, String name) {
        raw('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** STACK_GLOBAL (protocol 4 style): module and name pushed as strings first. */
    PickleBytes stackGlobal(String module, String name) {
        return string(module).string(name).raw(0x93);
    }

    PickleBytes string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        raw('X');
        int n = b.length;
        raw(n & 0xFF, (n >>> 8) & 0xFF, (n >>> 16) & 0xFF, (n >>> 24) & 0xFF);
        out.writeBytes(b);
        return this;
    }

    PickleBytes integer(long v) {
        raw('J');
        int n = (int) v;
        return raw(n & 0xFF, (n >>> 8) & 0xFF, (n >>> 16) & 0xFF, (n >>> 24) & 0xFF);
    }

    PickleBytes intTuple(long... values) {
        mark();
        for (long v : values) {
            integer(v);
        }
        return tuple();
    }

    /** {@code _rebuild_tensor_v2(('storage', torch.<type>, key, 'cpu', numel), offset, size, stride, False, OrderedDict())}. */
    PickleBytes tensor(String storageType, String key, long numel, long offset, long[] size, long[] stride,
                       boolean legacyPid) {
        global("torch._utils", "_rebuild_tensor_v2");
        mark();
        mark().string("storage").global("torch", storageType).string(key).string("cpu").integer(numel);
        if (legacyPid) {
            none();
        }
        tuple().binpersid();
        integer(offset).intTuple(size).intTuple(stride).newFalse();
        global("collections", "OrderedDict").emptyTuple().reduce();
        tuple().reduce();
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
