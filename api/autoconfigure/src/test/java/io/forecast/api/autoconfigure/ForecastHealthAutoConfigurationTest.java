package io.forecast.api.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.forecast.api.health.ModelStoreHealthIndicator;
import io.forecast.api.health.TrainingQueueHealthIndicator;
import io.forecast.forecasting.service.ForecastService;
import io.forecast.forecasting.service.ForecastServiceSettings;
import io.forecast.forecasting.service.ModelStore;
import io.forecast.forecasting.service.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ForecastHealthAutoConfigurationTest {
  @TempDir Path dir;

  private ApplicationContextRunner runner(Path store) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ForecastAutoConfiguration.class, ForecastHealthAutoConfiguration.class))
        .withPropertyValues("forecast.store.path=" + store);
  }

  @Test
  void storeIsUpWithItsPathAndModelCount() {
    runner(dir.resolve("models")).run(context -> {
      Health health = context.getBean("forecastStoreHealthIndicator", ModelStoreHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("path", dir.resolve("models").toAbsolutePath().toString())
          .containsEntry("models", 0).containsEntry("loaded", 0).containsEntry("maxLoaded", 16);
    });
  }

  @Test
  void storeIsDownWhenItsPathIsAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    runner(file).run(context -> {
      Health health = context.getBean(ModelStoreHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("reason", "not a directory")
          .containsEntry("path", file.toAbsolutePath().toString());
    });
  }

  @Test
  void trainingQueueReportsCapacityAndAcceptance() {
    runner(dir).withPropertyValues("forecast.training.queue-capacity=3").run(context -> {
      Health health = context.getBean("forecastTrainingHealthIndicator", TrainingQueueHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("running", 0L).containsEntry("queued", 0L)
          .containsEntry("capacity", 3).containsEntry("accepting", true);
    });
  }

  @Test
  void indicatorsReportTheStoreOfAHostDefinedService() {
    runner(dir.resolve("auto")).withUserConfiguration(HostService.class).run(context -> {
      Health health = context.getBean(ModelStoreHealthIndicator.class).health();
      assertThat(health.getDetails().get("path")).isEqualTo(HostService.ROOT.toAbsolutePath().toString());
    });
  }

  @Test
  void canBeTurnedOff() {
    runner(dir).withPropertyValues("management.health.forecast.enabled=false").run(context -> assertThat(context)
        .hasNotFailed().doesNotHaveBean(ModelStoreHealthIndicator.class)
        .doesNotHaveBean(TrainingQueueHealthIndicator.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class HostService {
    static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "forecast-host-health-store");

    @Bean
    ForecastService hostService() {
      return new ForecastService(new ModelStore(ROOT), ForecastServiceSettings.defaults(), TrainingListener.NONE);
    }
  }
}
