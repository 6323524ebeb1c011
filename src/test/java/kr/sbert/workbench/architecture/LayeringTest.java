package kr.sbert.workbench.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The direction of use between packages, as ARCHITECTURE.md and the README state it. */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("kr.sbert.workbench");
    }

    @Test
    void coreKnowsNothingOfJavaFxOrPicocli() {
        noClasses().that().resideInAPackage("kr.sbert.workbench.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "picocli..", "org.jfree..",
                        "kr.sbert.workbench.cli..", "kr.sbert.workbench.gui..")
                .check(classes);
    }

    @Test
    void onlyTheModelPackageTouchesNdArrays() {
        noClasses().that().resideOutsideOfPackage("kr.sbert.workbench.core.model..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl.ndarray..", "ai.djl.nn..",
                        "ai.djl.pytorch..")
                .check(classes);
    }

    @Test
    void cliAndGuiDoNotUseEachOther() {
        noClasses().that().resideInAPackage("kr.sbert.workbench.cli..")
                .should().dependOnClassesThat().resideInAPackage("kr.sbert.workbench.gui..")
                .check(classes);
        noClasses().that().resideInAPackage("kr.sbert.workbench.gui..")
                .should().dependOnClassesThat().resideInAPackage("kr.sbert.workbench.cli..")
                .check(classes);
    }
}
