package kr.sbert.workbench.gui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MVVM as the GUI's package-info states it: view models hold no Nodes, every controller has its FXML beside it. */
class GuiStructureTest {
    private static JavaClasses gui;

    @BeforeAll
    static void importClasses() {
        gui = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("kr.sbert.workbench.gui");
    }

    @Test
    void viewModelsAndServicesKnowNoNodesOrCharts() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .or().resideInAnyPackage("kr.sbert.workbench.gui.service..", "kr.sbert.workbench.gui.workspace..",
                        "kr.sbert.workbench.gui.task..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.fxml..",
                        "org.jfree..")
                .check(gui);
    }

    @Test
    void everyControllerHasItsFxmlBesideIt() {
        List<JavaClass> controllers = gui.stream().filter(c -> c.getSimpleName().endsWith("Controller")).toList();
        assertThat(controllers).hasSizeGreaterThanOrEqualTo(7);
        for (JavaClass c : controllers) {
            String fxml = c.getSimpleName().replace("Controller", "View") + ".fxml";
            assertThat(c.reflect().getResource(fxml)).as(c.getName() + " → " + fxml).isNotNull();
        }
    }
}
