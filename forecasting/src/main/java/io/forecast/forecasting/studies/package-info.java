/**
 * Studies: small, self-contained experiments that reproduce a published claim about how a model
 * trains, each with its data generator, model, tracked quantities and per-claim verdicts.
 */
package io.forecast.forecasting.studies;
