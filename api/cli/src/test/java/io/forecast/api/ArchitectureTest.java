package io.forecast.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.Slice;
import com.tngtech.archunit.library.dependencies.Slices;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Architecture rules of the project (the api module's test classpath sees every module's classes).
 *
 * <ul>
 *   <li>No package cycles: every package under {@code io.forecast} is its own slice, so a cycle
 *       between a package and its sub-package (e.g. {@code io.forecast.forecasting} and
 *       {@code io.forecast.forecasting.olinear}) is caught as well as one between modules.</li>
 *   <li>Module direction {@code api -> forecasting -> (attention, data)}: data and attention depend
 *       on no other project module (nor on each other), forecasting does not depend on api.</li>
 * </ul>
 *
 * Test classes are not imported, so the cycle fixtures in {@code io.forecast.api.archfixture}
 * do not trip the real rule; they only back {@link #cycle_rule_can_fail}.
 */
@AnalyzeClasses(packages = "io.forecast", importOptions = {ImportOption.DoNotIncludeTests.class,
    ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

    /** {@code (**)} captures the whole package path below io.forecast: one slice per package. */
    private static final String EVERY_PACKAGE = "io.forecast.(**)";

    @ArchTest
    static final ArchRule no_package_cycles =
            slices().matching(EVERY_PACKAGE).should().beFreeOfCycles();

    @ArchTest
    static final ArchRule data_depends_on_no_other_module =
            noClasses().that().resideInAPackage("io.forecast.data..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "io.forecast.attention..", "io.forecast.forecasting..", "io.forecast.api..");

    @ArchTest
    static final ArchRule attention_depends_on_no_other_module =
            noClasses().that().resideInAPackage("io.forecast.attention..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "io.forecast.data..", "io.forecast.forecasting..", "io.forecast.api..");

    @ArchTest
    static final ArchRule forecasting_does_not_depend_on_api =
            noClasses().that().resideInAPackage("io.forecast.forecasting..")
                    .should().dependOnClassesThat().resideInAPackage("io.forecast.api..");

    /** The slicing really is one slice per package (a package and its sub-package differ). */
    @ArchTest
    static void every_package_is_its_own_slice(JavaClasses classes) {
        Slices sliced = Slices.matching(EVERY_PACKAGE).transform(classes);
        assertThat(sliced).isNotEmpty();
        for (Slice slice : sliced) {
            Set<String> packages = slice.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
            assertThat(packages).as("packages of slice %s", slice.getDescription()).hasSize(1);
        }
        Set<String> forecastingPackages = sliced.stream()
                .map(slice -> slice.iterator().next().getPackageName())
                .filter(p -> p.startsWith("io.forecast.forecasting"))
                .collect(Collectors.toSet());
        assertThat(forecastingPackages).contains("io.forecast.forecasting", "io.forecast.forecasting.olinear");
    }

    /** Sanity: the same cycle rule reports a violation for two packages that import each other. */
    @ArchTest
    static void cycle_rule_can_fail(JavaClasses ignored) {
        JavaClasses fixtures = new ClassFileImporter().importPackages("io.forecast.api.archfixture");
        assertThat(fixtures.contain("io.forecast.api.archfixture.a.A")).isTrue();
        assertThat(fixtures.contain("io.forecast.api.archfixture.b.B")).isTrue();
        assertThat(no_package_cycles.evaluate(fixtures).hasViolation()).isTrue();
    }

  /** Leaves out test classes that come in a test jar (the auto-configuration's shared test support). */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(com.tngtech.archunit.core.importer.Location location) {
      return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }
  }
}
