package kr.sbert.workbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.function.Consumer;

/**
 * Elementwise work on large tensors in row blocks: views of the same rows of several tensors of
 * one shape, so in-place ops on a block change the tensor and temporaries stay small.
 */
final class Chunks {
    /** Elements per block (4 MB of float32). */
    static final long ELEMENTS = 1L << 20;

    private Chunks() {
    }

    /** Runs {@code work} on the whole tensors, or on blocks of rows when they are large. */
    static void forEachBlock(NDArray[] same, Consumer<NDArray[]> work) {
        NDArray first = same[0];
        long size = first.size();
        if (size <= ELEMENTS || first.getShape().dimension() < 2) {
            work.accept(same);
            return;
        }
        long rows = first.getShape().get(0);
        long perRow = size / rows;
        long step = Math.max(1, ELEMENTS / perRow);
        for (long start = 0; start < rows; start += step) {
            long end = Math.min(rows, start + step);
            NDArray[] block = new NDArray[same.length];
            for (int i = 0; i < same.length; i++) {
                block[i] = same[i].get(new NDIndex("{}:{}", start, end));
            }
            try {
                work.accept(block);
            } finally {
                for (NDArray b : block) {
                    b.close();
                }
            }
        }
    }
}
