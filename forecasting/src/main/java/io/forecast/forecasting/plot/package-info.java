/**
 * Charts of forecasts, drawn with JFreeChart and written as SVG (JFreeSVG) or PNG: {@link
 * io.forecast.forecasting.plot.Chart} (a description: lines and an optional band), {@link
 * io.forecast.forecasting.plot.Charts} (the standard charts, and rendering). The CLI and the REST
 * service draw through here.
 */
package io.forecast.forecasting.plot;
