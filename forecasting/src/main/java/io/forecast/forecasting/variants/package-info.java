/**
 * {@code forecast compare-attention}: attention variants of one model type compared on one file,
 * built on the comparison grids of {@link io.forecast.forecasting.compare}.
 *
 * <ul>
 *   <li><b>Protocol A</b> (spec attention.md §8.3, from scratch): every variant is a grid entry — the
 *       same type trained with its attention slot set to the variant ({@code attention} for
 *       itransformer and patchtst, {@code mixer} for olinear), the same other settings, every seed;
 *       after training, {@link io.forecast.forecasting.variants.DiagnosticsProbe} runs a bounded number
 *       of test windows through the model and averages the attention diagnostics per layer (for types whose fitted model is a
 *       {@link io.forecast.forecasting.transformer.ProbedAttentionModel}: itransformer, patchtst).
 *   <li><b>Protocol B</b> (zero-shot swap; itransformer and patchtst, see
 *       {@link io.forecast.forecasting.variants.AttentionComparison#SWAPPABLE}): the type is trained once
 *       per seed with softmax, then
 *       {@link io.forecast.forecasting.variants.SwapProbe} swaps each variant in at inference (no
 *       retraining) and measures ΔMSE on the test split and, per layer, the relative error and cosine
 *       similarity of the attention outputs against softmax.
 * </ul>
 *
 * <p>{@link io.forecast.forecasting.variants.AttentionComparison} checks a request and runs it;
 * {@link io.forecast.forecasting.variants.AttentionResults} aggregates the run files into
 * {@code results.json}, {@code results.md} and {@code val-loss.svg}.
 */
package io.forecast.forecasting.variants;
