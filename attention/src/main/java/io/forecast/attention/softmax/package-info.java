/** Softmax attention (spec §1): the DJL operator, its float64 oracle and its registry entry. */
package io.forecast.attention.softmax;
