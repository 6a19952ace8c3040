package io.forecast.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.forecast.api.autoconfigure.ForecastAutoConfiguration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class ForecastUiAutoConfigurationTest {
  @TempDir Path store;

  private WebApplicationContextRunner web() {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ForecastAutoConfiguration.class,
            ForecastUiAutoConfiguration.class))
        .withPropertyValues("forecast.store.path=" + store);
  }

  @Test
  void absentInAHostApplicationUnlessItOptsIn() {
    web().run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("forecastDashboard"));
  }

  @Test
  void presentWhenEnabled() {
    web().withPropertyValues("forecast.ui.enabled=true")
        .run(context -> assertThat(context).hasNotFailed().hasBean("forecastDashboard"));
  }

  @Test
  void absentWithoutTheRestApiItCalls() {
    web().withPropertyValues("forecast.ui.enabled=true", "forecast.api.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("forecastDashboard"));
  }

  @Test
  void absentOutsideAWebApplication() {
    new org.springframework.boot.test.context.runner.ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ForecastAutoConfiguration.class, ForecastUiAutoConfiguration.class))
        .withPropertyValues("forecast.store.path=" + store, "forecast.ui.enabled=true")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("forecastDashboard"));
  }
}
