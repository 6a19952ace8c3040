/** Test support shared by the operator tests: oracle parity, finite-difference gradients, fixtures. */
package io.forecast.attention.testing;
