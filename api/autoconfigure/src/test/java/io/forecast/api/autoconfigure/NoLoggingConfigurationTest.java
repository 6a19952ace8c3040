package io.forecast.api.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The library's jars carry no logging configuration that logback, log4j2 or JUL would pick up by
 * itself: the host application's own logging configuration stays in charge.
 */
class NoLoggingConfigurationTest {
  static final List<String> AUTO_DISCOVERED = List.of("logback.xml", "logback-test.xml", "logback.groovy",
      "logback-spring.xml", "log4j2.xml", "log4j2.properties", "log4j2-spring.xml", "logging.properties",
      "simplelogger.properties");

  @ParameterizedTest
  @ValueSource(strings = {"io.forecast.data.TimeSeriesFrame", "io.forecast.attention.AttentionOperator",
      "io.forecast.forecasting.nn.NativeEngine",
      "io.forecast.api.autoconfigure.ForecastAutoConfiguration"})
  void noLoggingConfigurationAtTheRootOfTheJarOf(String className) throws Exception {
    Path location = Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> found = new ArrayList<>();
    if (Files.isDirectory(location)) {
      for (String name : AUTO_DISCOVERED) {
        if (Files.exists(location.resolve(name))) {
          found.add(name);
        }
      }
    } else {
      try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + location.toUri()), Map.of())) {
        for (String name : AUTO_DISCOVERED) {
          if (Files.exists(jar.getPath(name))) {
            found.add(name);
          }
        }
      }
    }
    assertThat(found).as("logging configuration in " + location).isEmpty();
  }
}
