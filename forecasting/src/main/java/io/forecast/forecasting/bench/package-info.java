/**
 * Benchmarks of the model code that the CLI's {@code forecast bench} commands print: forward latency
 * per call on real windows ({@link io.forecast.forecasting.bench.ForwardBenchmark}). Benchmarks, not
 * tests: nothing here asserts a speed.
 */
package io.forecast.forecasting.bench;
