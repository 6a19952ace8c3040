/**
 * Persistence of trained models: model directories written atomically (temporary sibling + rename),
 * so that a reader or a restarted process only ever sees complete models.
 */
package io.forecast.forecasting.persist;
