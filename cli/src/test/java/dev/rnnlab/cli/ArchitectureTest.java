package dev.rnnlab.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module arrows, enforced: everything points toward the plain-JDK engine contract; the runner
 * never sees an engine implementation; reports read files, not runner or engine objects; no package
 * cycles; only the CLI prints or exits.
 */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rnnlab");
        for (String pkg : new String[] {"dev.rnnlab.engine.api", "dev.rnnlab.engine.bptt", "dev.rnnlab.engine.dl4j",
                "dev.rnnlab.engine.shared", "dev.rnnlab.runner.config",
                "dev.rnnlab.runner.exec", "dev.rnnlab.reports", "dev.rnnlab.cli"}) {
            assertTrue(classes.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)),
                    "no classes imported from " + pkg + ": the rules below would hold vacuously");
        }
    }

    @Test
    void theEngineApiIsPlainJdk() {
        noClasses().that().resideInAPackage("dev.rnnlab.engine.api..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.rnnlab.engine.api..")
                .check(classes);
    }

    @Test
    void theRunnerDependsOnTheEngineApiOnly() {
        classes().that().resideInAPackage("dev.rnnlab.runner..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.rnnlab.runner..",
                        "dev.rnnlab.engine.api..", "org.yaml.snakeyaml..", "org.apache.logging.log4j..",
                        "com.fasterxml.jackson..", "org.apache.commons.math3..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.rnnlab.runner..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rnnlab.engine.bptt..", "dev.rnnlab.reports..",
                        "dev.rnnlab.cli..")
                .check(classes);
    }

    @Test
    void enginesDoNotKnowTheRunnerReportsOrCli() {
        noClasses().that().resideInAPackage("dev.rnnlab.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rnnlab.runner..", "dev.rnnlab.reports..",
                        "dev.rnnlab.cli..")
                .check(classes);
    }

    @Test
    void theDl4jEngineNeverUsesTheNativeEngine() {
        noClasses().that().resideInAPackage("dev.rnnlab.engine.dl4j..")
                .should().dependOnClassesThat().resideInAPackage("dev.rnnlab.engine.bptt..")
                .check(classes);
    }

    @Test
    void theSharedEngineCodeKnowsNoEngine() {
        noClasses().that().resideInAPackage("dev.rnnlab.engine.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rnnlab.engine.bptt..", "dev.rnnlab.engine.dl4j..")
                .check(classes);
    }

    @Test
    void reportsReadFilesNotRunnerOrEngineObjects() {
        noClasses().that().resideInAPackage("dev.rnnlab.reports..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rnnlab.runner..", "dev.rnnlab.engine..",
                        "dev.rnnlab.cli..")
                .check(classes);
    }

    @Test
    void thereAreNoPackageCycles() {
        slices().matching("dev.rnnlab.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheCliPrintsOrExits() {
        noClasses().that().resideOutsideOfPackage("dev.rnnlab.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(System.class, "exit", int.class)
                .check(classes);
    }
}
