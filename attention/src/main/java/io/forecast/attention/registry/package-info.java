/**
 * The registry of attention operators ({@link io.forecast.attention.registry.AttentionOperators}):
 * forecasters and the CLI pick an operator and its oracle by name and typed parameters.
 */
package io.forecast.attention.registry;
