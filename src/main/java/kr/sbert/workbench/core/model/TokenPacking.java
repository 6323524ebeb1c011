package kr.sbert.workbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each real token of a padded batch lives when the encoder's per-token work (linear
 * layers, LayerNorm, GELU) runs on the real tokens only, packed into {@code [n, hidden]} rows,
 * row by row, token by token. Attention still needs texts side by side: it runs per
 * {@linkplain Group group} of consecutive texts, each padded only to its own longest text, so a
 * batch can hold several groups (more rows per matrix product) without the short texts paying
 * for the long ones' padding.
 *
 * <p>A padded slot gathers a copy of a real row of its own text: any finite row would do, since
 * the additive mask keeps every padded key out of every real token's attention, as HF keeps its
 * padded positions out; padded queries' results are dropped when packing again. All moves are
 * row gathers ({@code torch.embedding}, i.e. {@code index_select}), so autograd routes gradients
 * through them; without padding and with one group they are skipped.
 */
final class TokenPacking {
    /** {@code float32} finfo.min: what HF adds to the scores of padded keys. */
    static final float MASK_VALUE = -Float.MAX_VALUE;

    /** Real tokens' slots in {@code [b·L]} order (null: no padding). */
    private final NDArray realSlots;
    /** Each slot's packed row (null: no padding). */
    private final NDArray slotRows;
    private final List<Group> groups;

    /**
     * Texts {@code [first, first + rows)} attending among themselves, padded to {@code length}.
     *
     * @param slots        [rows·length] packed row of each of the group's slots (null: identity)
     * @param realInGroup  [group's real tokens] their slots in {@code [rows·length]} (null: identity)
     * @param additiveMask [rows, 1, 1, length]: 0 for real keys, {@link #MASK_VALUE} for padding
     */
    record Group(int first, int rows, int length, NDArray slots, NDArray realInGroup, NDArray additiveMask) {
    }

    private TokenPacking(NDArray realSlots, NDArray slotRows, List<Group> groups) {
        this.realSlots = realSlots;
        this.slotRows = slotRows;
        this.groups = groups;
    }

    /**
     * @param mask      [b·L] 1 for a real token, 0 for padding, row-major
     * @param groupRows texts per attention group ({@code ≥ b}: one group)
     */
    static TokenPacking of(float[] mask, int b, int length, int groupRows, NDManager manager) {
        int[] firstRow = new int[b];   // each text's first packed row
        int[] realCount = new int[b];
        int[] lastReal = new int[b];   // 1 + the last real position
        int n = 0;
        for (int r = 0; r < b; r++) {
            firstRow[r] = n;
            for (int t = 0; t < length; t++) {
                if (mask[r * length + t] != 0) {
                    realCount[r]++;
                    lastReal[r] = t + 1;
                    n++;
                }
            }
        }
        NDArray realSlots = null;
        NDArray slotRows = null;
        if (n != mask.length) {
            long[] real = new long[n];
            long[] slots = new long[mask.length];
            fill(mask, 0, b, length, length, firstRow, slots, real);
            realSlots = manager.create(real);
            slotRows = manager.create(slots);
        }
        List<Group> groups = new ArrayList<>();
        int step = Math.max(1, Math.min(groupRows, b));
        for (int first = 0; first < b; first += step) {
            int rows = Math.min(step, b - first);
            int groupLength = 1;
            int groupReal = 0;
            for (int r = first; r < first + rows; r++) {
                groupLength = Math.max(groupLength, lastReal[r]);
                groupReal += realCount[r];
            }
            float[] additive = new float[rows * groupLength];
            for (int r = 0; r < rows; r++) {
                for (int t = 0; t < groupLength; t++) {
                    // (1 - mask) * MASK_VALUE, as HF builds it: -0.0 for a real key
                    additive[r * groupLength + t] = (1 - mask[(first + r) * length + t]) * MASK_VALUE;
                }
            }
            NDArray additiveMask = manager.create(additive, new Shape(rows, 1, 1, groupLength));
            if (rows == b && groupLength == length) {
                // one group as wide as the batch: its slots are the batch's (null when there is no padding)
                groups.add(new Group(first, rows, groupLength, slotRows, realSlots, additiveMask));
                continue;
            }
            long[] slots = new long[rows * groupLength];
            long[] real = new long[groupReal];
            int[] firstInGroup = new int[rows];
            for (int r = 0; r < rows; r++) {
                firstInGroup[r] = firstRow[first + r];
            }
            fill(mask, first, rows, length, groupLength, firstInGroup, slots, real);
            groups.add(new Group(first, rows, groupLength, manager.create(slots), manager.create(real), additiveMask));
        }
        return new TokenPacking(realSlots, slotRows, List.copyOf(groups));
    }

    /**
     * For texts {@code [first, first + rows)} laid out {@code width} slots apart: each slot's
     * packed row ({@code slots}) and each real token's slot ({@code real}, in packed order).
     */
    private static void fill(float[] mask, int first, int rows, int length, int width, int[] firstRow,
                             long[] slots, long[] real) {
        int next = 0;
        for (int r = 0; r < rows; r++) {
            int row = firstRow[r];
            for (int t = 0; t < width; t++) {
                int slot = r * width + t;
                if (mask[(first + r) * length + t] != 0) {
                    slots[slot] = row++;
                    real[next++] = slot;
                } else {
                    slots[slot] = firstRow[r]; // a copy of the text's first real row
                }
            }
        }
    }

    List<Group> groups() {
        return groups;
    }

    /** Borrows every index array into {@code scope}, so what the gathers make is freed with it. */
    void tempAttach(NDManager scope) {
        if (realSlots != null) {
            realSlots.tempAttach(scope);
            slotRows.tempAttach(scope);
        }
        for (Group g : groups) {
            g.additiveMask().tempAttach(scope);
            if (g.slots() != null && g.slots() != slotRows) {
                g.slots().tempAttach(scope);
                g.realInGroup().tempAttach(scope);
            }
        }
    }

    /** {@code [b·L, w] → [n, w]}: the real tokens' rows. */
    NDArray pack(NDArray slots) {
        return realSlots == null ? slots : gather(realSlots, slots);
    }

    /** {@code [n, w] → [b·L, w]}. */
    NDArray unpack(NDArray rows) {
        return slotRows == null ? rows : gather(slotRows, rows);
    }

    /** {@code [n, w] → [rows·length, w]}: the group's texts side by side. */
    static NDArray spread(Group g, NDArray packed) {
        return g.slots() == null ? packed : gather(g.slots(), packed);
    }

    /** {@code [rows·length, w] → [group's real tokens, w]}. */
    static NDArray gatherReal(Group g, NDArray slots) {
        return g.realInGroup() == null ? slots : gather(g.realInGroup(), slots);
    }

    /** The groups' packed results, in packed order, as one {@code [n, w]}. */
    static NDArray concat(List<NDArray> parts) {
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 0);
    }

    private static NDArray gather(NDArray index, NDArray table) {
        // torch.embedding is index_select on rows, with a gradient for the table
        return Embedding.embedding(index, table, SparseFormat.DENSE).singletonOrThrow();
    }
}
