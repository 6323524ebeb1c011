package kr.sbert.workbench.core.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import kr.sbert.workbench.core.model.MalformedModelException;

/**
 * Turns a {@link TorchTensorRecipe} and its storage bytes into a contiguous little-endian
 * {@link RawTensor}: a zero-copy slice when the view is contiguous and little-endian, else a
 * gathered (and byte-swapped) copy. Every offset, size and stride is checked against the storage.
 */
final class TorchTensorAssembler {

    private TorchTensorAssembler() {
    }

    /**
     * @param storage   the storage's bytes, position 0, limit = storage size in bytes
     * @param bigEndian whether the checkpoint was written big-endian
     * @param copyBudget bytes that gathered copies may still take, shared by all tensors of one
     *                   file (starts at the file's size: real views never need more); reduced here
     */
    static RawTensor assemble(String fn, String name, TorchTensorRecipe recipe, ByteBuffer storage,
                              boolean bigEndian, long[] copyBudget) throws MalformedModelException {
        String where = fn + ": tensor '" + kr.sbert.workbench.core.UserText.quote(name) + "'";
        TensorDType dtype = recipe.storage().dtype();
        int es = dtype.byteSize();
        long storageNumel = storage.limit() / es;
        long[] size = recipe.size();
        long[] stride = recipe.stride();
        long numel = 1;
        long last = recipe.offset();
        if (recipe.offset() < 0) {
            throw new MalformedModelException(where + ": negative storage offset " + recipe.offset());
        }
        try {
            for (int i = 0; i < size.length; i++) {
                if (size[i] < 0 || stride[i] < 0) {
                    throw new MalformedModelException(where + ": negative size or stride (size "
                            + Arrays.toString(size) + ", stride " + Arrays.toString(stride) + ")");
                }
                numel = Math.multiplyExact(numel, size[i]);
                if (size[i] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(size[i] - 1, stride[i]));
                }
            }
            Math.multiplyExact(numel, (long) es);
        } catch (ArithmeticException e) {
            throw new MalformedModelException(where + ": size " + Arrays.toString(size) + " is too large");
        }
        if (numel == 0) {
            return new RawTensor(name, dtype, size, ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN));
        }
        if (last >= storageNumel) {
            throw new MalformedModelException(where + ": view (offset " + recipe.offset() + ", size "
                    + Arrays.toString(size) + ", stride " + Arrays.toString(stride) + ") reaches element " + last
                    + " of a storage holding " + storageNumel);
        }
        if (numel > storageNumel) {
            // stride 0 (an expanded view) or overlapping strides: a copy would amplify a few bytes into GBs
            throw new MalformedModelException(where + ": view of size " + Arrays.toString(size) + " has " + numel
                    + " elements but its storage holds only " + storageNumel + " (expanded or overlapping view)");
        }
        if (numel * es > Integer.MAX_VALUE - 8) {
            throw new MalformedModelException(where + ": " + numel * es + " bytes; a single tensor over 2 GB is not supported");
        }
        if (isContiguous(size, stride) && !bigEndian) {
            ByteBuffer data = storage.slice((int) (recipe.offset() * es), (int) (numel * es));
            return new RawTensor(name, dtype, size, data.order(ByteOrder.LITTLE_ENDIAN));
        }
        if (numel * es > copyBudget[0]) {
            throw new MalformedModelException(where + ": its strided views would copy more bytes than the file holds");
        }
        copyBudget[0] -= numel * es;
        return new RawTensor(name, dtype, size, gather(recipe, storage, numel, es, bigEndian));
    }

    static boolean isContiguous(long[] size, long[] stride) {
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= size[i];
        }
        return true;
    }

    /** Copies the strided view element by element into row-major order, swapping bytes if asked. */
    private static ByteBuffer gather(TorchTensorRecipe recipe, ByteBuffer storage, long numel, int es,
                                     boolean swap) {
        long[] size = recipe.size();
        long[] stride = recipe.stride();
        ByteBuffer out = ByteBuffer.allocateDirect((int) (numel * es)).order(ByteOrder.LITTLE_ENDIAN);
        long[] index = new long[size.length];
        long source = recipe.offset();
        byte[] element = new byte[es];
        for (long n = 0; n < numel; n++) {
            storage.get((int) (source * es), element);
            if (swap) {
                for (int a = 0, b = es - 1; a < b; a++, b--) {
                    byte t = element[a];
                    element[a] = element[b];
                    element[b] = t;
                }
            }
            out.put(element);
            // advance the multi-index (row-major), keeping the source offset in step
            for (int d = size.length - 1; d >= 0; d--) {
                index[d]++;
                source += stride[d];
                if (index[d] < size[d]) {
                    break;
                }
                source -= stride[d] * index[d];
                index[d] = 0;
            }
        }
        return out.flip();
    }
}
