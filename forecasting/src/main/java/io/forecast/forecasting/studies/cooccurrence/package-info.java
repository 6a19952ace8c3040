/**
 * The word co-occurrence training-dynamics study of Yang, Kailkhura, Wang and Liang (NeurIPS 2024),
 * as spec {@code attention.md} §7 describes it: a seeded dataset in which the label is +1 exactly
 * when two target words co-occur ({@link io.forecast.forecasting.studies.cooccurrence.CooccurrenceData}),
 * the one-layer attention model of the paper's eq. 1 trained by full-batch gradient descent on
 * DJL's autograd ({@link io.forecast.forecasting.studies.cooccurrence.CooccurrenceModel}), and the
 * tracked quantities and verdicts of Theorems 3.1–3.3
 * ({@link io.forecast.forecasting.studies.cooccurrence.CooccurrenceStudy}).
 */
package io.forecast.forecasting.studies.cooccurrence;
