/**
 * The product's entry points: {@link io.forecast.api.ForecastApplication} (the executable jar's main:
 * the picocli command line, no Spring) and {@link io.forecast.api.server.ForecastServer} (the Spring Boot
 * application that {@code forecast serve} starts: the REST service under {@code /api/v1}). The
 * Spring library lives in {@code io.forecast.api.autoconfigure}, the REST controllers in
 * {@code io.forecast.api.web}.
 */
package io.forecast.api;
