package io.forecast.api.web;

import io.forecast.forecasting.service.TrainingRequest;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The form fields of {@code POST /api/v1/models} (multipart, beside the {@code file} part).
 *
 * @param id model id to save under
 * @param seqLen input length
 * @param predLen horizon
 * @param preset {@code fast} (default) or {@code paper}
 * @param epochs maximum epochs
 * @param seed random seed
 * @param learningRate initial learning rate
 * @param batchSize batch size
 * @param patience early-stopping patience
 * @param dModel hidden width
 * @param embedSize dimension-extension size D
 * @param eLayers encoder layers
 * @param dropout dropout probability
 * @param split {@code auto} (default), {@code ett-hour}, {@code ett-minute} or {@code ratio}
 * @param target target column
 * @param timestampColumn timestamp column
 * @param missing {@code reject} (default), {@code keep} or {@code ffill}
 * @param overwrite replace an existing model with the same id
 */
public record TrainingForm(
    @NotBlank String id,
    @NotNull @Positive Integer seqLen,
    @NotNull @Positive Integer predLen,
    String preset,
    @Positive Integer epochs,
    Long seed,
    @Positive Double learningRate,
    @Positive Integer batchSize,
    @PositiveOrZero Integer patience,
    @Positive Integer dModel,
    @Positive Integer embedSize,
    @Positive Integer eLayers,
    @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double dropout,
    String split,
    String target,
    String timestampColumn,
    String missing,
    Boolean overwrite) {

  TrainingRequest toRequest() {
    return new TrainingRequest(id, seqLen, predLen, preset, epochs, seed, learningRate, batchSize, patience, dModel,
        embedSize, eLayers, dropout, split, target, timestampColumn, missing, Boolean.TRUE.equals(overwrite));
  }
}
