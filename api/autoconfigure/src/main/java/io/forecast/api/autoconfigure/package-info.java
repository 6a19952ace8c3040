/**
 * Spring Boot auto-configuration of the forecasting library: {@link
 * io.forecast.api.autoconfigure.ForecastAutoConfiguration} (listed in {@code
 * META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}) and its {@link
 * io.forecast.api.autoconfigure.ForecastProperties} ({@code forecast.*}), and the security of the REST
 * API ({@link io.forecast.api.autoconfigure.ForecastSecurityAutoConfiguration} for {@code /api/v1},
 * {@link io.forecast.api.autoconfigure.ForecastServerSecurityAutoConfiguration} for every path of
 * {@code forecast serve}; both only with Spring Security on the class path).
 */
package io.forecast.api.autoconfigure;
