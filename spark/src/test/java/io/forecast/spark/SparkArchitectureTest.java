package io.forecast.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Module direction around {@code spark}: it uses forecasting and data, never the api modules (the CLI
 * and the service know nothing of Spark, and Spark jobs need no Spring), and no other module uses it.
 */
@AnalyzeClasses(packages = "io.forecast", importOptions = ImportOption.DoNotIncludeTests.class)
class SparkArchitectureTest {
  @ArchTest
  static final ArchRule spark_does_not_depend_on_api =
      noClasses().that().resideInAPackage("io.forecast.spark..")
          .should().dependOnClassesThat().resideInAPackage("io.forecast.api..");

  @ArchTest
  static final ArchRule nothing_depends_on_spark =
      noClasses().that().resideOutsideOfPackage("io.forecast.spark..")
          .should().dependOnClassesThat().resideInAPackage("io.forecast.spark..");

  @ArchTest
  static final ArchRule only_spark_uses_spark =
      noClasses().that().resideInAnyPackage("io.forecast.data..", "io.forecast.forecasting..",
              "io.forecast.attention..")
          .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..");
}
