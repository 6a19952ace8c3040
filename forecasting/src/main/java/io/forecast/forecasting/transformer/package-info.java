/**
 * Transformer encoder pieces shared by the attention-based model types ({@code itransformer},
 * {@code patchtst}): {@link io.forecast.forecasting.transformer.MultiHeadAttention} (TSLib's
 * {@code AttentionLayer} around any operator of the attention module's registry),
 * {@link io.forecast.forecasting.transformer.EncoderLayer} (post-LN, GELU feed-forward), their sizes
 * {@link io.forecast.forecasting.transformer.EncoderConfig}, and
 * {@link io.forecast.forecasting.mixing.OperatorSettings} (the operators' parameters as settings
 * of a model type, checked by the chosen operator's spec).
 *
 * <p>{@link io.forecast.forecasting.transformer.ProbedAttentionModel} is what diagnostics and zero-shot
 * swaps run on: a probed forward pass ({@link io.forecast.forecasting.transformer.ProbeResult}: per layer
 * the mixing matrices, attention outputs and token states) and a view of the trained model with another
 * operator in every layer. {@link io.forecast.forecasting.transformer.EncoderNetworkModel} implements it
 * once for the networks of both types; a fitted model of either type is an
 * {@link io.forecast.forecasting.transformer.EncoderPredictor} (network, effective settings,
 * {@code weights.bin}), which exposes its network through
 * {@link io.forecast.forecasting.transformer.ProbedAttentionModel.Source}.
 */
package io.forecast.forecasting.transformer;
