package dev.jrun.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages follow the data: a script is read (script), planned (plan, deps), compiled
 * (compile), made a cache entry (cache, with its archive beside it in aot) by the builder (build,
 * the builder the front end starts), or run again on each save (watch); every command lives in cli. Each package may use only the
 * packages before it, so there is no cycle, and only cli knows picocli.
 */
class ArchitectureTest {
    /** Each package, and the packages it may depend on (the root package dev.jrun is open to all). */
    static final Map<String, List<String>> ALLOWED = new LinkedHashMap<>();

    static {
        ALLOWED.put("script", List.of());
        ALLOWED.put("plan", List.of("script"));
        ALLOWED.put("deps", List.of("script", "plan"));
        ALLOWED.put("compile", List.of("script", "plan"));
        ALLOWED.put("cache", List.of("script", "plan"));
        ALLOWED.put("aot", List.of("script", "plan", "cache"));
        ALLOWED.put("build", List.of("script", "plan", "deps", "compile", "cache", "aot", "secure", "boot", "jdk"));
        ALLOWED.put("export", List.of("script", "plan", "deps"));
        ALLOWED.put("secure", List.of("script", "plan", "deps", "compile", "cache"));
        ALLOWED.put("binfmt", List.of());
        ALLOWED.put("boot", List.of());
        ALLOWED.put("watch", List.of("script", "plan"));
        ALLOWED.put("remote", List.of("script", "cache"));
        ALLOWED.put("serve", List.of("script", "plan", "deps", "compile", "cache", "build"));
        ALLOWED.put("jdk", List.of("script", "plan", "cache", "remote"));
        ALLOWED.put("catalog", List.of("script", "plan", "remote"));
    }

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.jrun");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.jrun.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void eachStageUsesOnlyEarlierOnes() {
        for (Map.Entry<String, List<String>> e : ALLOWED.entrySet()) {
            for (String other : ALLOWED.keySet()) {
                if (other.equals(e.getKey()) || e.getValue().contains(other)) {
                    continue;
                }
                noClasses().that().resideInAPackage("dev.jrun." + e.getKey() + "..")
                        .should().dependOnClassesThat().resideInAPackage("dev.jrun." + other + "..")
                        .allowEmptyShould(true)
                        .because(e.getKey() + " comes before " + other + " in the pipeline")
                        .check(classes);
            }
            noClasses().that().resideInAPackage("dev.jrun." + e.getKey() + "..")
                    .should().dependOnClassesThat().resideInAPackage("dev.jrun.cli..")
                    .allowEmptyShould(true).check(classes);
        }
    }

    @Test
    void theRootPackageUsesNoStage() {
        noClasses().that().resideInAPackage("dev.jrun")
                .should().dependOnClassesThat().resideInAPackage("dev.jrun.(*)..")
                .check(classes);
    }

    /** boot's classes are copied alone into each script's jar and run on the script's JDK: they can use nothing of jrun's (JshMain: the JDK's jdk.jshell). */
    @Test
    void bootUsesNothingOfJrun() {
        noClasses().that().resideInAPackage("dev.jrun.boot..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.jrun.boot..", "java..", "jdk.jshell..")
                .check(classes);
    }

    @Test
    void onlyTheCommandsKnowPicocli() {
        noClasses().that().resideOutsideOfPackage("dev.jrun.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
    }
}
