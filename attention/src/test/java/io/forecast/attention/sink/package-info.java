/** Tests of the sink / switch / diagonal variants V1–V4: spec §6.4, oracle parity, gradients, registry. */
package io.forecast.attention.sink;
