/**
 * Tribuo-style provenance: an immutable record of where a trained model came from (data file and
 * its sha256, split boundaries, configuration, seed, library versions, timestamps, training curve,
 * test metrics), saved beside the weights in every model directory.
 */
package io.forecast.forecasting.provenance;
