package io.forecast.api.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.forecast.api.web.ForecastController;
import io.forecast.api.web.ForecastProblemHandler;
import io.forecast.api.web.JobController;
import io.forecast.api.web.ModelController;
import io.forecast.forecasting.service.ForecastService;
import io.forecast.forecasting.service.ForecastServiceSettings;
import io.forecast.forecasting.service.ModelStore;
import io.forecast.forecasting.service.TrainingListener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ForecastAutoConfigurationTest {
  @TempDir Path store;

  private ApplicationContextRunner plain() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ForecastAutoConfiguration.class))
        .withPropertyValues("forecast.store.path=" + store);
  }

  private WebApplicationContextRunner web() {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ForecastAutoConfiguration.class))
        .withPropertyValues("forecast.store.path=" + store);
  }

  @Test
  void givesAStoreAndAServiceConfiguredFromProperties() {
    plain().withPropertyValues("forecast.training.queue-capacity=7", "forecast.max-history-rows=500")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(ModelStore.class).hasSingleBean(ForecastService.class);
          assertThat(context.getBean(ModelStore.class).root()).isEqualTo(store.toAbsolutePath().normalize());
          ForecastServiceSettings s = context.getBean(ForecastService.class).settings();
          assertThat(s.trainingQueueCapacity()).isEqualTo(7);
          assertThat(s.maxHistoryRows()).isEqualTo(500);
        });
  }

  @Test
  void engineThreadCountsComeFromTheEngineProperties() {
    plain().withPropertyValues("forecast.engine.inference-threads=3", "forecast.engine.training-threads=2")
        .run(context -> {
          ForecastServiceSettings s = context.getBean(ForecastService.class).settings();
          assertThat(s.inferenceThreads()).isEqualTo(3);
          assertThat(s.trainingThreads()).isEqualTo(2);
        });
  }

  @Test
  void engineThreadDefaultsAreOneForInferenceAndEveryCoreForTraining() {
    plain().run(context -> {
      ForecastServiceSettings s = context.getBean(ForecastService.class).settings();
      assertThat(s.inferenceThreads()).isEqualTo(1);
      assertThat(s.trainingThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    });
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnBeans() {
    plain().withUserConfiguration(OwnBeans.class).run(context -> {
      assertThat(context).hasSingleBean(ModelStore.class).hasSingleBean(ForecastService.class);
      assertThat(context.getBean(ModelStore.class)).isSameAs(context.getBean("myStore"));
      assertThat(context.getBean(ForecastService.class)).isSameAs(context.getBean("myService"));
    });
  }

  @Test
  void controllersOnlyInAServletWebApplication() {
    plain().run(context -> assertThat(context).doesNotHaveBean(ForecastController.class)
        .doesNotHaveBean(ModelController.class).doesNotHaveBean(JobController.class)
        .doesNotHaveBean(ForecastProblemHandler.class));
    web().run(context -> assertThat(context).hasNotFailed().hasSingleBean(ForecastController.class)
        .hasSingleBean(ModelController.class).hasSingleBean(JobController.class)
        .hasSingleBean(ForecastProblemHandler.class).hasSingleBean(ForecastService.class));
  }

  @Test
  void controllersAbsentWhenTheApiIsDisabled() {
    web().withPropertyValues("forecast.api.enabled=false").run(context -> assertThat(context).hasNotFailed()
        .doesNotHaveBean(ForecastController.class).doesNotHaveBean(ModelController.class)
        .hasSingleBean(ForecastService.class));
  }

  @Test
  void invalidPropertiesFailStartupNamingTheProperty() {
    plain().withPropertyValues("forecast.training.queue-capacity=0").run(context -> {
      assertThat(context).hasFailed();
      Throwable root = context.getStartupFailure();
      while (root.getCause() != null) {
        root = root.getCause();
      }
      assertThat(root.getMessage()).contains("'forecast' on field 'training.queueCapacity': rejected value [0]")
          .contains("must be greater than or equal to 1");
    });
  }

  @Test
  void theControllersUseTheStoreOfAHostDefinedService() {
    web().withUserConfiguration(OwnService.class).run(context -> {
      assertThat(context).hasNotFailed();
      ForecastService service = context.getBean(ForecastService.class);
      assertThat(service).isSameAs(context.getBean("hostService"));
      Object controllerStore = org.springframework.test.util.ReflectionTestUtils.getField(
          context.getBean(ModelController.class), "store");
      assertThat(controllerStore).isSameAs(service.store());
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnService {
    @Bean
    ForecastService hostService() {
      return new ForecastService(new ModelStore(Path.of(System.getProperty("java.io.tmpdir"), "forecast-host-store-test")), ForecastServiceSettings.defaults(),
          TrainingListener.NONE);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    @Bean
    ModelStore myStore() {
      return new ModelStore(Path.of("elsewhere"));
    }

    @Bean
    ForecastService myService(ModelStore myStore) {
      return new ForecastService(myStore, ForecastServiceSettings.defaults(), TrainingListener.NONE);
    }
  }
}
