package kr.sbert.workbench.gui.explain;

import java.util.Locale;

/**
 * The diverging colour scale of token shares and alignment cells: blue for negative, white for
 * 0, red for positive, full colour at ±{@code scale}.
 */
public final class ShareShading {
    private static final int[] NEGATIVE = {0x21, 0x66, 0xac};
    private static final int[] POSITIVE = {0xb2, 0x18, 0x2b};

    private ShareShading() {
    }

    /** The largest |value|, or 1 when all are 0 (so the scale is never empty). */
    public static double scale(double[]... values) {
        double m = 0;
        for (double[] v : values) {
            for (double x : v) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m == 0 ? 1 : m;
    }

    /** A CSS colour ({@code #rrggbb}) for {@code value} on a scale of ±{@code scale}. */
    public static String css(double value, double scale) {
        int[] rgb = rgb(value, scale);
        return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    }

    /**
     * The inline style of a chip shaded for {@code value}: its background, and white text once the
     * shade is dark enough that dark text would no longer be legible.
     */
    public static String chipStyle(double value, double scale) {
        String style = "-fx-background-color: " + css(value, scale) + ";";
        return Math.abs(value / scale) > 0.55 ? style + " -fx-text-fill: white;" : style;
    }

    /** Red, green, blue in 0–255. */
    public static int[] rgb(double value, double scale) {
        double t = Math.max(-1, Math.min(1, value / scale));
        int[] end = t < 0 ? NEGATIVE : POSITIVE;
        double a = Math.abs(t);
        int[] out = new int[3];
        for (int c = 0; c < 3; c++) {
            out[c] = (int) Math.round(255 + (end[c] - 255) * a);
        }
        return out;
    }
}
