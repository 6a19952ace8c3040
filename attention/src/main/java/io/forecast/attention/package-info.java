/**
 * Attention variants used as comparison baselines next to OLinear, on DJL {@code NDArray}s so that
 * they train with autograd. Knows nothing of files or data loading.
 */
package io.forecast.attention;
