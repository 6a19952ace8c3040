/**
 * Token mixing with the attention module's operators, shared by the model types that put an operator
 * in a mixing slot ({@code itransformer}'s attention, {@code olinear}'s variate mixer).
 *
 * <p>{@link io.forecast.forecasting.mixing.HeadAttention} runs a registered
 * {@link io.forecast.attention.AttentionOperator} over projected tokens {@code [B, N, d_model]}: splits
 * them into heads, applies the operator, drops entries of its mixing matrix while training and merges
 * the heads back; it also owns the trainable QontOT angles. {@link
 * io.forecast.forecasting.mixing.OperatorSettings} turns the operators' parameters into optional
 * settings of a model type, checked by the chosen operator's own spec.
 */
package io.forecast.forecasting.mixing;
