/**
 * Time-series data: CSV ingestion (Tablesaw at the edge, {@code double[]} inside), the data-quality
 * report, the Time-Series-Library train/validation/test splits, the standard scaler and sliding
 * windows. Knows nothing of models.
 */
package io.forecast.data;
