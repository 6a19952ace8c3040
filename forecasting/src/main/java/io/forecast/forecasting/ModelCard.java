package io.forecast.forecasting;

import java.util.List;
import java.util.Objects;

/**
 * The interface of a fitted model: what history it needs and what it returns. Immutable.
 *
 * @param type the model type ({@code olinear})
 * @param seqLen history rows used per forecast
 * @param predLen rows forecast
 * @param columns value columns, in the order the model reads and writes them
 * @param target the target column's name
 * @param timestampColumn the timestamp column's name in the training file
 * @param timestampFormat the {@link io.forecast.data.TimestampFormat} name of the training file
 * @param frequencySeconds the training series' sampling step, used to continue timestamps
 */
public record ModelCard(
    String type,
    int seqLen,
    int predLen,
    List<String> columns,
    String target,
    String timestampColumn,
    String timestampFormat,
    long frequencySeconds) {

  public ModelCard {
    Objects.requireNonNull(type, "type");
    columns = List.copyOf(columns);
    if (seqLen < 1 || predLen < 1 || columns.isEmpty()) {
      throw new IllegalArgumentException("a model card needs positive lengths and at least one column");
    }
  }
}
