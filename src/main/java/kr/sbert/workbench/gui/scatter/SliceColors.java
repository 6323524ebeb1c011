package kr.sbert.workbench.gui.scatter;

import java.awt.Color;
import java.awt.Paint;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the scatter colours points by slice: each pair's slice label, the labels in legend order,
 * and the slice in focus (its points keep their colour, the others turn light grey), or none.
 *
 * @param labelOf each row's slice label (rows compared by identity)
 * @param labels  the slice labels, in legend order
 * @param focus   the chosen slice, or null for all
 */
public record SliceColors(Map<Object, String> labelOf, List<String> labels, String focus) {
    /** Points outside the chosen slice. */
    public static final Color OUTSIDE = new Color(0xd0d0d0);
    /**
     * Slice colours: none is a model series' colour ({@code ScatterChart.COLORS}), so a slice is
     * never mistaken for a model (jaccard's red was the first slice's).
     */
    static final Color[] COLORS = {new Color(0xe377c2), new Color(0xbcbd22), new Color(0x1a1a80),
        new Color(0xe6ab02), new Color(0x66c2a5), new Color(0x800000), new Color(0x4d4d4d), new Color(0x7fc97f)};

    public SliceColors {
        IdentityHashMap<Object, String> copy = new IdentityHashMap<>(labelOf);
        labelOf = java.util.Collections.unmodifiableMap(copy);
        labels = List.copyOf(labels);
    }

    /** The paint of a row's point. */
    public Paint paintOf(Object row) {
        String label = labelOf.get(row);
        if (label == null || (focus != null && !focus.equals(label))) {
            return OUTSIDE;
        }
        return paintOf(label);
    }

    /** The paint of a slice. */
    public Paint paintOf(String label) {
        int i = labels.indexOf(label);
        return COLORS[Math.floorMod(i, COLORS.length)];
    }
}
