/**
 * Split-conformal prediction intervals per horizon step and variate.
 *
 * <p><b>Method.</b> After a model is fitted, {@link io.forecast.forecasting.conformal.ConformalCalibration#calibrate}
 * forecasts the windows of the <em>validation</em> split (never the test split) and keeps, for every
 * (horizon step, variate), the absolute residuals {@code |ŷ − y|} on the z-scored scale. For a level
 * {@code L} (percent, {@code α = 1 − L/100}) and {@code n} residuals, the half-width is the
 * {@code ⌈(n+1)·L/100⌉}-th smallest residual (the finite-sample correction of split conformal
 * prediction; e.g. n = 9, L = 80: the 8th smallest). The interval on the original scale is
 * {@code ŷ ± q·std}, {@code std} the training scaler's standard deviation of the variate. Under
 * exchangeability of the validation and future residuals it covers the truth with probability at
 * least {@code L} % per step and variate (marginally, not per window).
 *
 * <p><b>Too few windows.</b> When {@code ⌈(n+1)·L/100⌉ > n} (fewer than {@code L/(100−L)} windows,
 * e.g. 19 for 95 %) the exact interval would be unbounded. Such a level is <em>refused</em>: it is
 * recorded with its reason and asking for it fails with
 * {@link io.forecast.forecasting.conformal.IntervalsUnavailableException} naming {@code n} and the
 * level. Infinity or NaN is never stored or returned.
 *
 * <p><b>Memory.</b> Quantiles need every kept residual: at most
 * {@link io.forecast.forecasting.conformal.ConformalCalibration#MAX_WINDOWS} windows and at most
 * {@link io.forecast.forecasting.conformal.ConformalCalibration#MAX_RESIDUALS} residuals (float) in all
 * are kept. Above that the validation windows are thinned deterministically with a fixed stride
 * ({@code ⌈windows / cap⌉}, starting at the first window), so the whole split is still represented
 * and no random generator is used.
 *
 * <p><b>Files.</b> {@code conformal.json} in the model directory holds the levels, the half-widths
 * (z-scored, {@code [step][variate]}), the refused levels with their reasons and the window counts.
 * A model directory without it (written before this feature, or trained with no validation
 * windows) still loads; asking it for intervals fails with a message saying so.
 */
package io.forecast.forecasting.conformal;
