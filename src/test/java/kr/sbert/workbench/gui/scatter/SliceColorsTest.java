package kr.sbert.workbench.gui.scatter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SliceColorsTest {
    @Test
    void noSliceColourIsAModelSeriesColour() {
        assertThat(SliceColors.COLORS).doesNotContainAnyElementsOf(Arrays.asList(ScatterChart.COLORS))
                .doesNotContain(SliceColors.OUTSIDE).doesNotHaveDuplicates();
    }
}
