/**
 * Actuator health of the forecasting library: the model store ({@code forecastStore}) and the
 * training queue ({@code forecastTraining}), registered by {@link
 * io.forecast.api.autoconfigure.ForecastHealthAutoConfiguration} when Spring Boot Actuator is on the
 * class path.
 */
package io.forecast.api.health;
