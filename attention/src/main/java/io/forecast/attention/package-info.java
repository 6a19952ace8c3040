/**
 * Attention variants used as comparison baselines next to OLinear, on DJL {@code NDArray}s so that
 * they train with autograd. The contract: {@link io.forecast.attention.AttentionOperator} (batched
 * multi-head Q, K, V and an optional key mask → output and, on request, the mixing matrix), its
 * typed parameters ({@link io.forecast.attention.OperatorParameter}, {@link
 * io.forecast.attention.OperatorSpec}) and the shared DJL blocks ({@link
 * io.forecast.attention.AttentionOps}). Each operator lives in its own package with its float64
 * oracle; {@code registry} names them all. Knows nothing of files or data loading.
 */
package io.forecast.attention;
