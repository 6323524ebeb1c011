package kr.sbert.workbench.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The packed-row bookkeeping, on a mask small enough to lay out by hand. */
class TokenPackingTest {

    @Test
    void groupsPadOnlyToTheirOwnLongestTextAndPointPaddingAtTheirTextsFirstRow() {
        // three texts of lengths 4, 3 and 1, padded to 4: packed rows 0-3 | 4-6 | 7
        float[] mask = {
            1, 1, 1, 1,
            1, 1, 1, 0,
            1, 0, 0, 0};
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), TorchRuntime.engine().getEngineName())) {
            TokenPacking p = TokenPacking.of(mask, 3, 4, 2, m);
            assertThat(p.groups()).hasSize(2);

            TokenPacking.Group first = p.groups().get(0); // texts 0 and 1, padded to 4
            assertThat(first.rows()).isEqualTo(2);
            assertThat(first.length()).isEqualTo(4);
            // text 1's padded slot copies text 1's first row (4)
            assertThat(first.slots().toLongArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 4);
            assertThat(first.realInGroup().toLongArray()).containsExactly(0, 1, 2, 3, 4, 5, 6);
            // -0.0 for a real key (as (1 - 1) * finfo.min), finfo.min for a padded one
            float[] additive = first.additiveMask().toFloatArray();
            assertThat(additive[7]).isEqualTo(-Float.MAX_VALUE);
            assertThat(additive[6]).isEqualTo(0f);

            TokenPacking.Group second = p.groups().get(1); // text 2 alone, its own length 1
            assertThat(second.first()).isEqualTo(2);
            assertThat(second.length()).isEqualTo(1);
            assertThat(second.slots().toLongArray()).containsExactly(7);
            assertThat(second.realInGroup().toLongArray()).containsExactly(0);

            // packing takes the 8 real slots of the 12; unpacking puts copies of a text's first row in its padding
            var slots = m.arange(12f).reshape(12, 1);
            assertThat(p.pack(slots).toFloatArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 8);
            var rows = m.arange(8f).reshape(8, 1);
            assertThat(p.unpack(rows).toFloatArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 4, 7, 7, 7, 7);
        }
    }

    @Test
    void aBatchWithoutPaddingInOneGroupMovesNothing() {
        float[] mask = {1, 1, 1, 1};
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), TorchRuntime.engine().getEngineName())) {
            TokenPacking p = TokenPacking.of(mask, 2, 2, Integer.MAX_VALUE, m);
            var x = m.arange(4f).reshape(4, 1);
            assertThat(p.pack(x)).isSameAs(x);
            assertThat(p.unpack(x)).isSameAs(x);
            assertThat(p.groups()).singleElement().satisfies(g -> assertThat(g.slots()).isNull());
        }
    }
}
