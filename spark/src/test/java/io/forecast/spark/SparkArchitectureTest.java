package io.forecast.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Module direction around {@code spark}: it uses forecasting and data, never the api modules (the CLI
 * and the service know nothing of Spark, and Spark jobs need no Spring), and no other module uses it.
 * Only the project's own class folders or jars are imported (scanning Spark's class path takes long).
 */
class SparkArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importProjectClasses() throws URISyntaxException, IOException {
    List<Location> locations = new java.util.ArrayList<>();
    for (Class<?> c : List.of(SparkJobs.class, io.forecast.forecasting.Forecaster.class,
        io.forecast.data.TimeSeriesFrame.class)) {
      // a class folder, or a jar when the reactor has packaged the module
      Path path = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      locations.add(path.toString().endsWith(".jar") ? Location.of(new JarFile(path.toFile())) : Location.of(path));
    }
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importLocations(locations);
    for (Class<?> c : List.of(io.forecast.forecasting.pipeline.ForecastPipeline.class,
        io.forecast.data.TimeSeriesFrame.class, TrainJob.class)) {
      assertThat(classes.stream().map(JavaClass::getName)).as("imported").contains(c.getName());
    }
  }

  @Test
  void sparkDoesNotDependOnApi() {
    noClasses().that().resideInAPackage("io.forecast.spark..")
        .should().dependOnClassesThat().resideInAPackage("io.forecast.api..").check(classes);
  }

  @Test
  void nothingDependsOnSpark() {
    noClasses().that().resideOutsideOfPackage("io.forecast.spark..")
        .should().dependOnClassesThat().resideInAPackage("io.forecast.spark..").check(classes);
  }

  @Test
  void noSparkOrHadoopOutsideTheSparkModule() {
    noClasses().that().resideInAnyPackage("io.forecast.data..", "io.forecast.forecasting..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..")
        .check(classes);
  }
}
