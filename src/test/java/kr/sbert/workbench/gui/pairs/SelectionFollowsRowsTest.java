package kr.sbert.workbench.gui.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.status.StatusViewModel;
import kr.sbert.workbench.gui.task.SyncTaskRunner;
import org.junit.jupiter.api.Test;

/** A deleted pair stops being the selected one, so no view keeps showing it; undo brings both back. */
class SelectionFollowsRowsTest {
    private final SyncTaskRunner runner = new SyncTaskRunner();
    private final PairsViewModel vm = new PairsViewModel(new CoreBackend(), runner, new StatusViewModel(runner));

    @Test
    void deletingTheSelectedRowClearsTheSelectionAndOthersKeepIt() {
        PairRow a = vm.addRow();
        PairRow b = vm.addRow();
        vm.selectedProperty().set(a);

        vm.delete(List.of(b));
        assertThat(vm.selectedProperty().get()).isSameAs(a);

        vm.delete(List.copyOf(vm.rows()));
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.selectedProperty().get()).isNull();

        vm.undo();
        assertThat(vm.rows()).containsExactly(a);
    }
}
