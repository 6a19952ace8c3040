/**
 * Diagnostics of attention (spec §6.3), float64 on EJML: of a mixing matrix ({@link
 * io.forecast.attention.diagnostics.MixingDiagnostics}: stochasticity errors, entropy, sink, switch
 * and diagonal mass) and of token states ({@link io.forecast.attention.diagnostics.TokenDiagnostics}:
 * distance to rank one, pairwise cosine, Dirichlet energy, effective rank).
 */
package io.forecast.attention.diagnostics;
