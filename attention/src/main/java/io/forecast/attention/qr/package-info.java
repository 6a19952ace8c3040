/**
 * The QR flavour of QDSFormer (spec §3b): {@code A = U∘U} with {@code M = Q·Kᵀ = U·R}, an exactly
 * doubly stochastic (orthostochastic) mixing matrix. The DJL operator ({@link
 * io.forecast.attention.qr.QrAttention}, a Householder QR built from differentiable NDArray ops), its
 * float64 oracle on EJML's QR ({@link io.forecast.attention.qr.QrReference}) and the registry entry
 * ({@link io.forecast.attention.qr.Qr}).
 */
package io.forecast.attention.qr;
