/**
 * QontOT-style attention of QDSFormer (spec §3a): a simulated variational circuit whose block-averaged
 * {@code |U|²} is an exactly doubly stochastic {@code N×N} mixing matrix, for N = 4, 8 or 16 tokens.
 * The DJL operator ({@link io.forecast.attention.qontot.QontotAttention}, complex numbers as
 * real/imaginary tensor pairs), its float64 oracle with a hand-written gate applier ({@link
 * io.forecast.attention.qontot.QontotReference}) and the registry entry and shared definitions ({@link
 * io.forecast.attention.qontot.Qontot}). A reconstruction "in the spirit" of the paper, not a replica:
 * the gate-level circuit of the paper is not published.
 */
package io.forecast.attention.qontot;
