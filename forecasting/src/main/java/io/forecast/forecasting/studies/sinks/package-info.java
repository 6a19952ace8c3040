/**
 * The sinks vs diagonal patterns study (spec {@code attention.md} §6, after Súkeník et al.): small
 * encoders over patch tokens of z-scored windows (attention-only stacks, attention with a residual
 * connection, and full post-LN encoder layers with residual and MLP) trained with softmax, the sink /
 * switch / diagonal variants V1–V4 and a sparse window attention, on a CSV file and on seeded synthetic
 * series; per layer the oversmoothing metrics (distance to rank one, pairwise cosine, Dirichlet energy,
 * effective rank) and the attention's sink, switch-off and diagonal masses; a check on a constructed input
 * where the theory fixes the outcome; and a verdict per claim.
 */
package io.forecast.forecasting.studies.sinks;
