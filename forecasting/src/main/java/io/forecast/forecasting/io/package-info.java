/**
 * Matrix files: NumPy {@code .npy} (format version 1.0, little-endian {@code float32}/{@code
 * float64}, C order, 2-D; byte-compatible with {@code np.save}) and plain comma-separated text.
 * Used to import and export OrthoTrans bases (the official OLinear files are {@code .npy}
 * float32). Format problems are reported as {@link io.forecast.forecasting.io.MatrixFormatException}
 * naming the file and what is wrong.
 */
package io.forecast.forecasting.io;
