package io.forecast.forecasting.compare;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a grid: what a run file records so that a later call can tell whether it is the same
 * run. Immutable.
 *
 * @param dataFile the data file's name
 * @param dataSha256 the data file's SHA-256 (hex)
 * @param split the split rule's label
 * @param model the model type
 * @param seqLen input length
 * @param predLen horizon
 * @param seed the training seed
 * @param settings the settings given to the type for this run (only those given; the type fills in the rest)
 * @param label the grid entry's name when it is not the model type itself (a grid of variants of one type,
 *     e.g. {@code sinkhorn} for {@code itransformer} with {@code attention=sinkhorn}); {@code null} when the
 *     entry is the type (then left out of the run file, so plain grids keep their run files)
 */
public record RunSpec(String dataFile, String dataSha256, String split, String model, int seqLen, int predLen,
    long seed, Map<String, Object> settings, @JsonInclude(JsonInclude.Include.NON_NULL) String label) {
  public RunSpec {
    Objects.requireNonNull(dataSha256, "dataSha256");
    Objects.requireNonNull(model, "model");
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings == null ? Map.of() : settings));
    label = model.equals(label) ? null : label;
  }

  /** A run whose grid entry is the model type itself. */
  public RunSpec(String dataFile, String dataSha256, String split, String model, int seqLen, int predLen, long seed,
      Map<String, Object> settings) {
    this(dataFile, dataSha256, split, model, seqLen, predLen, seed, settings, null);
  }

  /** The grid entry's name: the label, or the model type when there is none. */
  @JsonIgnore
  public String entry() {
    return label == null ? model : label;
  }

  /** The run file's name: {@code <entry>_<seqLen>_<predLen>_seed<S>.json}. */
  public String fileName() {
    return entry() + "_" + seqLen + "_" + predLen + "_seed" + seed + ".json";
  }
}
