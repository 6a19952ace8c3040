package io.forecast.api.autoconfigure;

import io.forecast.api.health.ModelStoreHealthIndicator;
import io.forecast.api.health.TrainingQueueHealthIndicator;
import io.forecast.forecasting.service.ForecastService;
import io.forecast.forecasting.service.ModelStore;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Health indicators of the store and the training queue, with Spring Boot Actuator on the class path
 * ({@code management.health.forecast.enabled=false} turns both off). They use the application's
 * {@link ModelStore} and {@link ForecastService}, whichever defined them.
 */
@AutoConfiguration(after = ForecastAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnEnabledHealthIndicator("forecast")
public class ForecastHealthAutoConfiguration {

  /** Health component {@code forecastStore}. */
  @Bean
  @ConditionalOnBean(ForecastService.class)
  @ConditionalOnMissingBean(name = "forecastStoreHealthIndicator")
  public ModelStoreHealthIndicator forecastStoreHealthIndicator(ForecastService service) {
    return new ModelStoreHealthIndicator(service.store());
  }

  /** Health component {@code forecastTraining}. */
  @Bean
  @ConditionalOnBean(ForecastService.class)
  @ConditionalOnMissingBean(name = "forecastTrainingHealthIndicator")
  public TrainingQueueHealthIndicator forecastTrainingHealthIndicator(ForecastService service) {
    return new TrainingQueueHealthIndicator(service);
  }
}
