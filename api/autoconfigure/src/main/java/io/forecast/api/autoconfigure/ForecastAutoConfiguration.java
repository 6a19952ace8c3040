package io.forecast.api.autoconfigure;

import io.forecast.api.web.AttentionComparisonController;
import io.forecast.api.web.BacktestController;
import io.forecast.api.web.DataReportController;
import io.forecast.api.web.ForecastController;
import io.forecast.api.web.ForecastMeters;
import io.forecast.api.web.ForecastProblemHandler;
import io.forecast.api.web.JobController;
import io.forecast.api.web.JsonBodySizeFilter;
import io.forecast.api.web.UploadLimitFilter;
import io.forecast.api.web.ModelController;
import io.forecast.api.web.ModelPlotController;
import io.forecast.api.web.ModelTypeController;
import io.forecast.api.web.ServingAnnouncement;
import io.forecast.forecasting.nn.NativeEngine;
import io.forecast.forecasting.service.ForecastService;
import io.forecast.forecasting.service.ForecastServiceSettings;
import io.forecast.forecasting.service.ModelStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Gives a Spring Boot application a {@link ModelStore} and a {@link ForecastService} (each backing
 * off when the application defines its own), and, in a servlet web application with
 * {@code forecast.api.enabled} not false, the REST API under {@code /api/v1}. The controllers are
 * registered here, never by component scanning, so a host application's scan does not pick them up.
 */
@AutoConfiguration
@EnableConfigurationProperties(ForecastProperties.class)
public class ForecastAutoConfiguration {

  /** The model store at {@code forecast.store.path}. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public ModelStore forecastModelStore(ForecastProperties properties) {
    return new ModelStore(properties.getStore().getPath(), io.forecast.forecasting.service.ModelLoader.DEFAULT,
        properties.getStore().getMaxLoadedModels());
  }

  /** Meters of forecast latency and training time (no-op without a meter registry). */
  @Bean
  @ConditionalOnMissingBean
  public ForecastMeters forecastMeters(ObjectProvider<MeterRegistry> registry) {
    return new ForecastMeters(registry.getIfAvailable(() -> Metrics.globalRegistry));
  }

  /** The forecast service over the store; training jobs report their duration to the meters. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public ForecastService forecastService(ModelStore store, ForecastProperties properties, ForecastMeters meters) {
    NativeEngine.get(); // fail at startup, naming the native dependency to add, rather than at the first request
    ForecastServiceSettings settings = new ForecastServiceSettings(properties.getTraining().getQueueCapacity(),
        properties.getMaxHistoryRows(), properties.getTraining().getRetainedJobs(),
        properties.getBatching().getMaxSize(), properties.getBatching().effectiveConcurrency(),
        properties.getEngine().getInferenceThreads(), properties.getEngine().effectiveTrainingThreads(),
        properties.getTraining().getMaxCells());
    return new ForecastService(store, settings, meters::trainingFinished);
  }

  /** The REST API: only in a servlet web application, and unless {@code forecast.api.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
  @ConditionalOnProperty(prefix = "forecast.api", name = "enabled", havingValue = "true", matchIfMissing = true)
  @Import({ForecastController.class, ModelController.class, ModelPlotController.class, ModelTypeController.class,
      JobController.class, BacktestController.class, DataReportController.class, AttentionComparisonController.class,
      ForecastProblemHandler.class})
  static class ForecastApiConfiguration {

    /** Logs {@code serving N models from DIR on http://HOST:PORT} once the server listens. */
    @Bean
    ServingAnnouncement forecastServingAnnouncement(ForecastService service) {
      return new ServingAnnouncement(service.store());
    }

    /** Limits JSON bodies under {@code /api/v1} to {@code forecast.api.max-json-body-size}. */
    @Bean
    FilterRegistrationBean<JsonBodySizeFilter> forecastJsonBodySizeFilter(ForecastProperties properties,
        ObjectProvider<com.fasterxml.jackson.databind.ObjectMapper> objectMapper) {
      FilterRegistrationBean<JsonBodySizeFilter> registration = new FilterRegistrationBean<>(
          new JsonBodySizeFilter(properties.getApi().getMaxJsonBodySize().toBytes(),
              objectMapper.getIfAvailable(() -> Jackson2ObjectMapperBuilder.json().build())));
      registration.addUrlPatterns("/api/v1/*");
      registration.setName("forecastJsonBodySizeFilter");
      return registration;
    }

    /** Bounds the multipart uploads under {@code /api/v1} processed at once. */
    @Bean
    FilterRegistrationBean<UploadLimitFilter> forecastUploadLimitFilter(ForecastProperties properties,
        ObjectProvider<com.fasterxml.jackson.databind.ObjectMapper> objectMapper) {
      FilterRegistrationBean<UploadLimitFilter> registration = new FilterRegistrationBean<>(
          new UploadLimitFilter(properties.getApi().getMaxConcurrentUploads(),
              objectMapper.getIfAvailable(() -> Jackson2ObjectMapperBuilder.json().build())));
      registration.addUrlPatterns("/api/v1/*");
      registration.setName("forecastUploadLimitFilter");
      return registration;
    }
  }
}
