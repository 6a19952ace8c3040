/**
 * The {@code itransformer} model type: iTransformer ("iTransformer: Inverted Transformers Are
 * Effective for Time Series Forecasting", Liu et al., ICLR 2024; code thuml/iTransformer and
 * thuml/Time-Series-Library {@code models/iTransformer.py}) with the attention operator taken from
 * the attention module's registry.
 *
 * <p><b>Network</b> ({@code ITransformerNetwork}), input
 * {@code [B, T, N]} z-scored, output {@code [B, τ, N]}:
 *
 * <ol>
 *   <li>Series normalisation (Non-stationary Transformer): per sample and variate, subtract the mean
 *       over time (detached) and divide by {@code sqrt(biased variance + 1e-5)}; the output is
 *       de-normalised with the same statistics.
 *   <li>Inverted embedding ({@code DataEmbedding_inverted}): each variate's whole window is one token,
 *       {@code Linear(T → d_model)}, then dropout. Tokens = variates, so there is no positional
 *       encoding and the model is equivariant to permutations of the columns (with a permutation
 *       equivariant operator: softmax, sinkhorn, V1–V4; qr's noise, delta's windows and monarch's
 *       blocks depend on the token order).
 *   <li>{@code eLayers} post-LN encoder layers
 *       ({@link io.forecast.forecasting.transformer.EncoderLayer}, shared with {@code patchtst}):
 *       {@code x = LN(x + Drop(Attn(x)))}, {@code y = Drop(Linear_{d_ff→d_model}(Drop(GELU(
 *       Linear_{d_model→d_ff}(x)))))} (TSLib's 1×1 convolutions), {@code out = LN(x + y)}.
 *       Attention ({@link io.forecast.forecasting.transformer.MultiHeadAttention}): Linear q, k, v
 *       projections d_model → d_model split into {@code nHeads} heads, the operator on
 *       {@code [B, H, N, d]}, heads merged, output projection.
 *   <li>Final LayerNorm, projector {@code Linear(d_model → τ)}, transposed to {@code [B, τ, N]}.
 * </ol>
 *
 * <p><b>No time-mark tokens.</b> The official code also embeds the timestamp features
 * ({@code x_mark_enc}, 4 for hourly ETT) as extra tokens that attend with the variates and are dropped
 * after the projector. Our frames carry no time features, so there are exactly N tokens, one per
 * column (this is also what decides the token count for operators such as qontot).
 *
 * <p><b>Attention.</b> {@code attention} names any operator of
 * {@link io.forecast.attention.registry.AttentionOperators}; each operator parameter is a setting of
 * this type too (the union over all operators, no default), checked against the chosen operator's
 * {@link io.forecast.attention.OperatorSpec} exactly as {@code forecast attention --param} does: a
 * parameter the operator lacks is refused naming the operator's parameters. qontot needs 4, 8 or 16
 * columns (refused before training otherwise); in its mode {@code trainable} each layer owns the
 * circuit angles θ as a parameter. {@code attentionDropout} (default 0.1, as TSLib's
 * {@code FullAttention}) drops entries of the mixing matrix while training, for operators that form
 * one.
 *
 * <p><b>Training</b> is the generic {@link io.forecast.forecasting.training.Trainer} (MSE, Adam,
 * type1 schedule, early stopping on the validation loss), deterministic under the context's seed.
 * <b>Files:</b> {@code model.json} records the settings with the chosen operator's effective
 * parameters; {@code weights.bin} holds the parameters in
 * {@link io.forecast.forecasting.nn.NetworkModel}'s format.
 */
package io.forecast.forecasting.itransformer;
