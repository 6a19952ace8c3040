/**
 * Sinkformer attention (spec §2): log-domain Sinkhorn normalisation of the scores as in the official
 * code (half-step iterations, ε, A = N·π, masks on the valid entries), its DJL operator {@link
 * io.forecast.attention.sinkhorn.SinkhornAttention}, its float64 EJML oracle {@link
 * io.forecast.attention.sinkhorn.SinkhornReference} and its registry entry {@link
 * io.forecast.attention.sinkhorn.Sinkhorn#SPEC}.
 */
package io.forecast.attention.sinkhorn;
