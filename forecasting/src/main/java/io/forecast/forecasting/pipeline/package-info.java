/**
 * The one pipeline for every model type: {@link io.forecast.forecasting.pipeline.ForecastPipeline}
 * trains (type and settings checked, series split and scaled, fitted, test-evaluated, provenance
 * assembled) and evaluates saved models; the CLI and the REST service call nothing else for these.
 */
package io.forecast.forecasting.pipeline;
