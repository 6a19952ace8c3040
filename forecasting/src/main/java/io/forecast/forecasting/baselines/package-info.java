/**
 * The statistical baselines {@code naive}, {@code seasonal-naive} and {@code mean}: nothing to
 * train, the rule is the model. They work on the z-scored scale like every type (the rules commute
 * with a per-column affine scaling, so the forecast equals the rule on the original scale) and are
 * evaluated, saved, loaded and served through the same pipeline as the trained types.
 */
package io.forecast.forecasting.baselines;
