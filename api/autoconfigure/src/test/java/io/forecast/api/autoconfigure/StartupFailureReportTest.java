package io.forecast.api.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forecast.forecasting.nn.EngineUnavailableException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What a host application's user sees when the library cannot start: Boot's report, no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTest {
  @TempDir Path store;

  @Test
  void anInvalidPropertyIsReportedByBootsFailureAnalysisNamingIt(CapturedOutput output) {
    SpringApplication app = new SpringApplication(Host.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    assertThatThrownBy(() -> app.run("--forecast.store.path=" + store, "--forecast.training.queue-capacity=0"))
        .isInstanceOf(RuntimeException.class);
    // Boot names the property in its canonical or its bound (field) form, depending on the source's origin
    assertThat(output.getOut() + output.getErr())
        .containsAnyOf("Property: forecast.training.queue-capacity", "Property: forecast.training.queueCapacity");
    assertThat(output.getOut() + output.getErr())
        .contains("APPLICATION FAILED TO START")
        .contains("Value: \"0\"")
        .contains("must be greater than or equal to 1")
        .doesNotContain("\tat io.forecast")
        .doesNotContain("\tat org.springframework");
  }

  @Test
  void aMissingNativeLibraryIsReportedWithTheDependencyToAdd() {
    EngineUnavailableException missing = new EngineUnavailableException("the PyTorch native library could not be "
        + "loaded (Offline mode is enabled.): add the dependency ai.djl.pytorch:pytorch-native-cpu:2.7.1 with "
        + "classifier linux-x86_64 (Maven: <classifier>linux-x86_64</classifier>)", null);
    FailureAnalysis analysis = new EngineUnavailableFailureAnalyzer().analyze(new IllegalStateException(missing));
    assertThat(analysis.getDescription()).isEqualTo("The forecasting library cannot start: the PyTorch native "
        + "library could not be loaded (Offline mode is enabled.).");
    assertThat(analysis.getAction()).startsWith("Add the dependency ai.djl.pytorch:pytorch-native-cpu:2.7.1 with "
        + "classifier linux-x86_64");
  }

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Host {}
}
