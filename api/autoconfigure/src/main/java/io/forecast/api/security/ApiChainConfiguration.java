package io.forecast.api.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security chain of {@code /api/v1/**} only, for an application that embeds the API: its other
 * paths keep their own chains, or Spring Boot's default one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "forecast.security", name = "all-paths", havingValue = "false", matchIfMissing = true)
@Import(ForecastSecurityConfiguration.class)
public class ApiChainConfiguration {
  /** The chain of {@code /api/v1/**}. */
  @Bean
  @Order(ForecastSecurityConfiguration.CHAIN_ORDER)
  public SecurityFilterChain forecastApiSecurityFilterChain(HttpSecurity http, ForecastSecurityProperties properties,
      ApiKeys keys) throws Exception {
    return ForecastSecurityConfiguration.chain(http, properties, keys, false);
  }
}
