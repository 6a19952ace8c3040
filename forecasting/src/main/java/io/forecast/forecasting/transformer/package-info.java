/**
 * Transformer encoder pieces shared by the attention-based model types ({@code itransformer},
 * {@code patchtst}): {@link io.forecast.forecasting.transformer.MultiHeadAttention} (TSLib's
 * {@code AttentionLayer} around any operator of the attention module's registry),
 * {@link io.forecast.forecasting.transformer.EncoderLayer} (post-LN, GELU feed-forward), their sizes
 * {@link io.forecast.forecasting.transformer.EncoderConfig}, and
 * {@link io.forecast.forecasting.mixing.OperatorSettings} (the operators' parameters as settings
 * of a model type, checked by the chosen operator's spec).
 */
package io.forecast.forecasting.transformer;
