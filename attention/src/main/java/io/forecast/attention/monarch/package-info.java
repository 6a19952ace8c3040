/**
 * MonarchAttention (spec §5): the DJL operator ({@link io.forecast.attention.monarch.MonarchAttention}),
 * its float64 oracle ({@link io.forecast.attention.monarch.MonarchReference}) and its registry entry
 * ({@link io.forecast.attention.monarch.Monarch#SPEC}, name {@code monarch}).
 */
package io.forecast.attention.monarch;
