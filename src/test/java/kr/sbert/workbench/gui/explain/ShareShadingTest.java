package kr.sbert.workbench.gui.explain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The diverging scale: white at 0, full blue/red at ∓scale, linear in between, clamped beyond. */
class ShareShadingTest {

    @Test
    void zeroIsWhiteAndTheEndsAreFullColour() {
        assertThat(ShareShading.css(0, 0.2)).isEqualTo("#ffffff");
        assertThat(ShareShading.css(0.2, 0.2)).isEqualTo("#b2182b");
        assertThat(ShareShading.css(-0.2, 0.2)).isEqualTo("#2166ac");
        assertThat(ShareShading.css(-5, 0.2)).isEqualTo("#2166ac");
        // Half way to red: 255 + (0xb2 − 255)/2 = 216.5 → 217 (0xd9), (0x18 + 255)/2 → 0x8c, (0x2b + 255)/2 → 0x95.
        assertThat(ShareShading.css(0.1, 0.2)).isEqualTo("#d98c95");
    }

    @Test
    void scaleIsTheLargestMagnitude() {
        assertThat(ShareShading.scale(new double[] {0.1, -0.3}, new double[] {0.2})).isEqualTo(0.3);
        assertThat(ShareShading.scale(new double[] {0, 0})).isEqualTo(1);
    }
}
