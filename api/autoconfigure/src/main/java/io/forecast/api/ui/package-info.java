/**
 * The browser dashboard served by {@code forecast serve} at {@code /}: static assets from the jar
 * ({@code classpath:/io/forecast/ui/}: plain HTML, CSS and JavaScript modules, uPlot for the charts; no
 * CDN), which call the REST API under {@code /api/v1}. Registered by {@link
 * io.forecast.api.ui.ForecastUiAutoConfiguration} only with {@code forecast.ui.enabled=true}.
 */
package io.forecast.api.ui;
