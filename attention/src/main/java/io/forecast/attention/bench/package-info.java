/**
 * Timing of the attention operators ({@link io.forecast.attention.bench.OperatorBenchmark}): forward
 * + backward per operator and token count, run by {@code forecast bench attention}.
 */
package io.forecast.attention.bench;
