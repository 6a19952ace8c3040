package io.forecast.forecasting.compare;

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
 */
public record RunSpec(String dataFile, String dataSha256, String split, String model, int seqLen, int predLen,
    long seed, Map<String, Object> settings) {
  public RunSpec {
    Objects.requireNonNull(dataSha256, "dataSha256");
    Objects.requireNonNull(model, "model");
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings == null ? Map.of() : settings));
  }

  /** The run file's name: {@code <model>_<seqLen>_<predLen>_seed<S>.json}. */
  public String fileName() {
    return model + "_" + seqLen + "_" + predLen + "_seed" + seed + ".json";
  }
}
