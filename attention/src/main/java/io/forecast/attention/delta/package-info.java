/**
 * Delta attention (spec §4; Willette, Lee, Hwang, NeurIPS 2025): a sliding-window-plus-sink-tokens
 * sparse attention corrected by Δ = (dense − sparse) measured at one anchor query per group of γ, with a
 * dense tail. The DJL operator ({@link io.forecast.attention.delta.DeltaAttention}), its float64 oracle
 * ({@link io.forecast.attention.delta.DeltaReference}) and its registry entry
 * ({@link io.forecast.attention.delta.Delta}).
 */
package io.forecast.attention.delta;
