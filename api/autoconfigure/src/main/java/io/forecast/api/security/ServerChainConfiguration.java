package io.forecast.api.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security chain of every path, for {@code forecast serve} ({@code forecast.security.all-paths=true}):
 * Spring Boot's default chains back off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "forecast.security", name = "all-paths", havingValue = "true")
@Import(ForecastSecurityConfiguration.class)
public class ServerChainConfiguration {
  /** The chain of every request. */
  @Bean
  @Order(ForecastSecurityConfiguration.CHAIN_ORDER)
  public SecurityFilterChain forecastSecurityFilterChain(HttpSecurity http, ForecastSecurityProperties properties,
      ApiKeys keys) throws Exception {
    return ForecastSecurityConfiguration.chain(http, properties, keys, true);
  }
}
