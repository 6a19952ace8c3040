/** Tests of delta attention: spec §4.5 properties, oracle parity, gradients, registry. */
package io.forecast.attention.delta;
