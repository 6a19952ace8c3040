/**
 * The {@code patchtst} model type: PatchTST ("A Time Series is Worth 64 Words: Long-term Forecasting
 * with Transformers", Nie et al., ICLR 2023), as in thuml/Time-Series-Library {@code models/PatchTST.py},
 * with the attention operator taken from the attention module's registry.
 *
 * <p><b>Network</b> ({@code PatchTSTNetwork}), input {@code [B, T, C]} z-scored, output
 * {@code [B, τ, C]}; every channel is forecast on its own by the same weights (channel independence):
 *
 * <ol>
 *   <li>Instance normalisation (Non-stationary Transformer, no affine, as TSLib): per sample and
 *       channel, subtract the mean over time (detached) and divide by {@code sqrt(biased variance +
 *       1e-5)}; the output is de-normalised with the same statistics.
 *   <li>Patching: the series is padded at the end with {@code stride} copies of its last value
 *       ({@code ReplicationPad1d((0, stride))}) and cut into patches of {@code patchLen} every
 *       {@code stride} values, so there are N = floor((T − P)/S) + 2 patches (T = 96, P = 16, S = 8:
 *       12). The tokens of one sequence are the N patches of one channel of one sample.
 *   <li>Patch embedding {@code Linear(P → d_model)} without bias, plus TSLib's fixed sinusoidal
 *       positional embedding, then dropout.
 *   <li>{@code eLayers} post-LN encoder layers shared with {@code itransformer}
 *       ({@link io.forecast.forecasting.transformer.EncoderLayer}), then a BatchNorm over the
 *       d_model features (TSLib's {@code Transpose(1,2), BatchNorm1d(d_model), Transpose(1,2)}):
 *       batch statistics while training, running statistics (momentum 0.1) otherwise.
 *   <li>Flatten head: the tokens of a channel as {@code [d_model, N]} flattened,
 *       {@code Linear(d_model·N → τ)}, dropout.
 * </ol>
 *
 * <p><b>Channel independence</b> holds at inference: changing one input channel changes only that
 * channel's forecast. While training, the BatchNorm's batch statistics couple the sequences of a batch,
 * as in TSLib.
 *
 * <p><b>Attention.</b> {@code attention} names any operator of
 * {@link io.forecast.attention.registry.AttentionOperators}, with its parameters as settings
 * ({@link io.forecast.forecasting.mixing.OperatorSettings}). The patch count is checked before
 * training: qontot needs N ∈ {4, 8, 16} (the message says which {@code seqLen} gives each), monarch a
 * {@code block-size} of at most N, delta a {@code window} and {@code sinks} of at most N.
 *
 * <p><b>Training</b> is the generic {@link io.forecast.forecasting.training.Trainer} (MSE, Adam, type1
 * schedule, early stopping on the validation loss), deterministic under the context's seed; the
 * optimiser sees only the trainable parameters, while the early-stopping snapshot and
 * {@code weights.bin} also hold the BatchNorm's running mean and variance.
 */
package io.forecast.forecasting.patchtst;
