/**
 * Float64 oracles of the attention operators on EJML ({@link
 * io.forecast.attention.reference.ReferenceOperator}), one head of one sample, plus the shared
 * dense helpers they use ({@link io.forecast.attention.reference.DenseOps}).
 */
package io.forecast.attention.reference;
