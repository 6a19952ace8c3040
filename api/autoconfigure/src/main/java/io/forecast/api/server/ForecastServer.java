package io.forecast.api.server;

import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.PropertySource;

/**
 * The Spring Boot application behind {@code forecast serve}: auto-configuration only (the forecast
 * beans and REST API come from {@link io.forecast.api.autoconfigure.ForecastAutoConfiguration}), no
 * component scanning, with the server defaults of {@code io/forecast/api/forecast-server.properties}
 * (RFC 7807 errors, upload limits, actuator health/info/prometheus), which any property source
 * overrides.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@PropertySource("classpath:io/forecast/api/forecast-server.properties")
public class ForecastServer {

  /** Starts the servlet web application; returns once it serves requests. */
  public static ConfigurableApplicationContext start(String... args) {
    return start(Map.of(), args);
  }

  /**
   * Starts the servlet web application with default properties (the lowest-precedence source, below
   * the server defaults file and anything the user sets); returns once it serves requests.
   */
  public static ConfigurableApplicationContext start(Map<String, Object> defaults, String... args) {
    SpringApplication app = new SpringApplication(ForecastServer.class);
    app.setWebApplicationType(WebApplicationType.SERVLET);
    app.setBannerMode(Banner.Mode.OFF);
    app.setDefaultProperties(defaults);
    return app.run(args);
  }
}
