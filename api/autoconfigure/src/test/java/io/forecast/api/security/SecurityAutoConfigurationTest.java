package io.forecast.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.forecast.api.autoconfigure.ForecastAutoConfiguration;
import io.forecast.api.autoconfigure.ForecastSecurityAutoConfiguration;
import io.forecast.api.autoconfigure.ForecastServerSecurityAutoConfiguration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Which security chains an application gets: an application embedding the API keeps Spring Boot's
 * default chain for its other paths beside the {@code /api/v1} chain; {@code all-paths} (forecast serve)
 * has one chain; {@code forecast.security.enabled=false} adds none.
 */
class SecurityAutoConfigurationTest {
  @TempDir Path store;

  private WebApplicationContextRunner web() {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WebMvcAutoConfiguration.class,
            SecurityAutoConfiguration.class, ForecastAutoConfiguration.class, ForecastSecurityAutoConfiguration.class,
            ForecastServerSecurityAutoConfiguration.class))
        .withPropertyValues("forecast.store.path=" + store);
  }

  @Test
  void anEmbeddingApplicationKeepsBootsDefaultChainBesideTheApiChain() {
    web().run(context -> {
      assertThat(context).hasNotFailed().hasBean("forecastApiSecurityFilterChain")
          .hasBean("defaultSecurityFilterChain").doesNotHaveBean("forecastSecurityFilterChain");
      assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSize(2);
    });
  }

  @Test
  void allPathsHasOneChainForEverything() {
    web().withPropertyValues("forecast.security.all-paths=true").run(context -> {
      assertThat(context).hasNotFailed().hasBean("forecastSecurityFilterChain");
      assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSize(1);
    });
  }

  @Test
  void disabledLeavesSecurityToTheApplication() {
    web().withPropertyValues("forecast.security.enabled=false").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(ApiKeys.class)
          .doesNotHaveBean("forecastApiSecurityFilterChain");
    });
  }

  @Test
  void keysComeFromCommaListsAndAreCounted() {
    web().withPropertyValues("forecast.security.read-keys=r-0123456789abcdef, r-fedcba9876543210",
        "forecast.security.write-keys=w-0123456789abcdef").run(context -> {
          ApiKeys keys = context.getBean(ApiKeys.class);
          assertThat(keys.readCount()).isEqualTo(2);
          assertThat(keys.writeCount()).isEqualTo(1);
          assertThat(keys.match("r-fedcba9876543210")).isPresent();
        });
  }
}
