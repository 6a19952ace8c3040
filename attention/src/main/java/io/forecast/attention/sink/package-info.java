/**
 * Sink, attention-switch and diagonal variants of softmax attention (spec §6.2, variants V1–V4):
 * {@code sink-token} (a sink token with a fixed logit and value), {@code null-sink} (off-by-one softmax
 * with a zero-value null logit b), {@code diagonal-bias} (S + β·I) and {@code switch} (both). Each has a
 * DJL operator, an independently written float64 oracle and a registry entry ({@link
 * io.forecast.attention.sink.SinkVariants}). The sink column is always visible (masks do not apply to
 * it); the returned weights are the visible {@code N×M} part, whose rows sum to {@code 1 − π_i ≤ 1}.
 * The §6.3 metrics of these variants are in {@link io.forecast.attention.diagnostics}.
 */
package io.forecast.attention.sink;
