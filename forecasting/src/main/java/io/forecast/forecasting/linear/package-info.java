/**
 * The linear family of forecasters, four model types sharing one network ({@link
 * io.forecast.forecasting.linear.LinearNetwork}, picked by {@link
 * io.forecast.forecasting.linear.LinearVariant}):
 *
 * <ul>
 *   <li>{@code linear} — LTSF-Linear {@code models/Linear.py}: {@code x.permute(0,2,1)} →
 *       {@code nn.Linear(T, τ)} → permute back.
 *   <li>{@code nlinear} — LTSF-Linear {@code models/NLinear.py}: the last input step is
 *       subtracted before the Linear and added back after it (translation-equivariant).
 *   <li>{@code dlinear} — Time-Series-Library {@code models/DLinear.py}: moving-average
 *       decomposition ({@link io.forecast.forecasting.linear.SeriesDecomposition}: edge-repeat
 *       padding, {@code AvgPool1d(kernel, 1)}) into trend and seasonal parts, each through its own
 *       Linear, summed. Both weights start at the constant 1/T as in TSLib, biases at PyTorch's
 *       U(±1/√T).
 *   <li>{@code rlinear} — RTSF {@code models/RLinear.py} ("Revisiting Long-term Time Series
 *       Forecasting"): affine RevIN (eps 1e-5) → dropout → Linear → inverse RevIN.
 * </ul>
 *
 * <p>Input {@code [B, T, N]} z-scored, output {@code [B, τ, N]}. Every Linear maps along time and is
 * either shared by the variates or, with {@code individual=true}, one per variate (stored as one
 * {@code [N, τ, T]} weight and {@code [N, τ]} bias and applied as one batched matmul; each row is
 * initialised exactly like a separate {@code nn.Linear}).
 *
 * <p><b>Settings.</b> Every type takes the shared training settings with Time-Series-Library's
 * {@code run.py} defaults, which its DLinear scripts do not override: {@code epochs} 10,
 * {@code batchSize} 32, {@code learningRate} 1e-4, {@code lradj} type1, {@code patience} 3,
 * {@code loss} mse, {@code optimizer} adam, {@code weightDecay} 0 (the LTSF-Linear and RTSF scripts
 * use larger rates, e.g. 0.005; set {@code learningRate} to follow them). Besides: {@code individual}
 * (false) for all four; {@code dlinear}'s {@code kernel} (25, TSLib's {@code moving_avg}; odd, at
 * most 2T − 1, else {@link io.forecast.forecasting.InvalidSettingsException}); {@code rlinear}'s
 * {@code dropout} (0.1, the {@code --drop} default of RTSF's {@code run.py} used by its ETT and
 * Weather scripts; its ECL script sets 0).
 *
 * <p><b>Files.</b> {@code model.json} records every resolved setting; {@code weights.bin} holds the
 * parameters in {@link io.forecast.forecasting.nn.NetworkModel}'s format with a magic number per
 * variant. Loading builds the network with zeros (nothing random, the engine's generator untouched)
 * and reads the weights.
 */
package io.forecast.forecasting.linear;
