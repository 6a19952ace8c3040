/**
 * Spring Boot auto-configuration of the forecasting library: {@link
 * io.forecast.api.autoconfigure.ForecastAutoConfiguration} (listed in {@code
 * META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}) and its {@link
 * io.forecast.api.autoconfigure.ForecastProperties} ({@code forecast.*}).
 */
package io.forecast.api.autoconfigure;
