package io.forecast.forecasting.compare;

import io.forecast.data.SplitRule;
import io.forecast.forecasting.ForecasterTypes;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.SettingsSchema;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A comparison grid: every model type at every horizon and seed, on one file and input length.
 * Immutable; built only through {@link #of}, which checks everything before any run starts.
 *
 * @param dataFile the data file's name
 * @param dataSha256 the data file's SHA-256 (hex)
 * @param split the split rule as given ({@code auto} is resolved per file by the pipeline)
 * @param models the model types, in order, no repeats
 * @param horizons the horizons, in order, no repeats
 * @param seqLen the input length of every run
 * @param seeds the training seeds, in order, no repeats
 * @param settings per model type (or entry), the settings given to it
 * @param types per grid entry whose name is not a model type, its model type (empty for a grid of types;
 *     a grid of variants built by {@link #ofEntries} maps each entry label to its type)
 */
public record CompareSpec(String dataFile, String dataSha256, SplitRule split, List<String> models,
    List<Integer> horizons, int seqLen, List<Long> seeds, Map<String, Map<String, Object>> settings,
    Map<String, String> types) {
  /** The first seed of {@link #seeds(int)}: the seed of the official scripts. */
  public static final long FIRST_SEED = io.forecast.forecasting.TrainingContext.DEFAULT_SEED;

  public CompareSpec {
    Objects.requireNonNull(dataSha256, "dataSha256");
    split = split == null ? SplitRule.AUTO : split;
    models = List.copyOf(models);
    horizons = List.copyOf(horizons);
    seeds = List.copyOf(seeds);
    Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
    settings.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    settings = Collections.unmodifiableMap(copy);
    types = Collections.unmodifiableMap(new LinkedHashMap<>(types == null ? Map.of() : types));
  }

  /** A grid whose entries are model types. */
  public CompareSpec(String dataFile, String dataSha256, SplitRule split, List<String> models, List<Integer> horizons,
      int seqLen, List<Long> seeds, Map<String, Map<String, Object>> settings) {
    this(dataFile, dataSha256, split, models, horizons, seqLen, seeds, settings, Map.of());
  }

  /**
   * One entry of a grid of variants: a model type trained with some settings of its own, under a label.
   *
   * @param label the entry's name in the tables and run files (letters, digits, '.', '-', '_', '=')
   * @param type the model type
   * @param settings the entry's own settings, on top of the common ones (e.g. {@code attention=sinkhorn})
   */
  public record Entry(String label, String type, Map<String, Object> settings) {
    public Entry {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(type, "type");
      settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings == null ? Map.of() : settings));
    }
  }

  /** The model type of a grid entry. */
  public String type(String entry) {
    return types.getOrDefault(entry, entry);
  }

  /**
   * Checks a grid of variants: each entry's type gets the common settings it has (a name that none of the
   * entries' types has is refused) and then the entry's own settings. Checked as {@link #of} checks a grid,
   * without the data: what only the data can refuse (e.g. an operator that cannot take this many columns)
   * fails that entry's runs, recorded in their run files, and the grid goes on.
   *
   * @throws io.forecast.forecasting.UnknownModelTypeException for an unknown type
   * @throws InvalidSettingsException for an empty list, a repeated or malformed label, a bad length or a bad
   *     setting
   */
  public static CompareSpec ofEntries(String dataFile, String dataSha256, SplitRule split, List<Entry> entries,
      List<Integer> horizons, int seqLen, List<Long> seeds, Map<String, ?> common) {
    if (entries == null || entries.isEmpty()) {
      throw new InvalidSettingsException("the list of grid entries is empty");
    }
    List<String> labels = entries.stream().map(Entry::label).toList();
    nonEmptyDistinct("grid entries", labels);
    for (String label : labels) {
      if (!label.matches("[A-Za-z0-9._=-]+")) {
        throw new InvalidSettingsException("grid entry '" + label + "' must be letters, digits, '.', '-', '_' or '='"
            + " (it names the run files)");
      }
    }
    nonEmptyDistinct("horizons", horizons);
    nonEmptyDistinct("seeds", seeds);
    for (int h : horizons) {
      ForecastPipeline.checkLengths(seqLen, h);
    }
    Map<String, ?> given = common == null ? Map.of() : common;
    for (String key : given.keySet()) {
      if (entries.stream().noneMatch(e -> ForecasterTypes.get(e.type()).settings().has(key))) {
        throw new InvalidSettingsException("no model type of the grid has a setting '" + key
            + "'; './forecast types' lists each type's settings");
      }
    }
    Map<String, Map<String, Object>> perEntry = new LinkedHashMap<>();
    Map<String, String> types = new LinkedHashMap<>();
    for (Entry e : entries) {
      SettingsSchema schema = ForecasterTypes.get(e.type()).settings();
      Map<String, Object> settings = new LinkedHashMap<>();
      given.forEach((k, v) -> {
        if (schema.has(k)) {
          settings.put(k, v);
        }
      });
      settings.putAll(e.settings());
      Map<String, Object> parsed = new LinkedHashMap<>();
      for (int h : horizons) {
        Map<String, Object> resolved = ForecastPipeline.check(new TrainingSpec(e.type(), seqLen, h, split, settings))
            .asMap();
        settings.keySet().forEach(k -> parsed.put(k, resolved.get(k)));
      }
      perEntry.put(e.label(), parsed);
      types.put(e.label(), e.type());
    }
    return new CompareSpec(dataFile, dataSha256, split, labels, horizons, seqLen, seeds, perEntry, types);
  }

  /** Seeds 2023, 2024, … ({@code n} of them). */
  public static List<Long> seeds(int n) {
    if (n < 1 || n > 1000) {
      throw new InvalidSettingsException("the number of seeds must be between 1 and 1000, got " + n);
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(FIRST_SEED + i);
    }
    return out;
  }

  /**
   * Checks a grid and hands each type the common settings it has: {@code common} holds settings by
   * name (e.g. {@code preset}, {@code epochs}, any {@code --set}); each goes to every model type whose
   * settings include that name, and a name that none of the types has is refused. Every type's
   * settings and the lengths are checked as the pipeline checks them, so a bad value fails here, not
   * in the middle of the grid.
   *
   * @throws io.forecast.forecasting.UnknownModelTypeException for an unknown type
   * @throws InvalidSettingsException for an empty or repeated list, a bad length or a bad setting
   */
  public static CompareSpec of(String dataFile, String dataSha256, SplitRule split, List<String> models,
      List<Integer> horizons, int seqLen, List<Long> seeds, Map<String, ?> common) {
    nonEmptyDistinct("model types", models);
    nonEmptyDistinct("horizons", horizons);
    nonEmptyDistinct("seeds", seeds);
    Map<String, SettingsSchema> schemas = new LinkedHashMap<>();
    for (String m : models) {
      schemas.put(m, ForecasterTypes.get(m).settings());
    }
    for (int h : horizons) {
      ForecastPipeline.checkLengths(seqLen, h);
    }
    Map<String, ?> given = common == null ? Map.of() : common;
    Map<String, Map<String, Object>> perModel = new LinkedHashMap<>();
    models.forEach(m -> perModel.put(m, new LinkedHashMap<>()));
    for (Map.Entry<String, ?> e : given.entrySet()) {
      boolean used = false;
      for (String m : models) {
        if (schemas.get(m).has(e.getKey())) {
          perModel.get(m).put(e.getKey(), e.getValue());
          used = true;
        }
      }
      if (!used) {
        throw new InvalidSettingsException("no model type of the grid (" + String.join(", ", models)
            + ") has a setting '" + e.getKey() + "'; './forecast types' lists each type's settings");
      }
    }
    for (String m : models) {
      Map<String, Object> parsed = new LinkedHashMap<>();
      for (int h : horizons) {
        Map<String, Object> resolved = ForecastPipeline.check(new TrainingSpec(m, seqLen, h, split, perModel.get(m)))
            .asMap();
        // the parsed values (25, not "25"), so the same grid given another way matches its run files
        perModel.get(m).keySet().forEach(k -> parsed.put(k, resolved.get(k)));
      }
      perModel.put(m, parsed);
    }
    return new CompareSpec(dataFile, dataSha256, split, models, horizons, seqLen, seeds,
        new LinkedHashMap<>(perModel));
  }

  private static void nonEmptyDistinct(String what, List<?> values) {
    if (values == null || values.isEmpty()) {
      throw new InvalidSettingsException("the list of " + what + " is empty");
    }
    Set<Object> seen = new HashSet<>();
    for (Object v : values) {
      if (v == null) {
        throw new InvalidSettingsException("the list of " + what + " holds an empty entry");
      }
      if (!seen.add(v)) {
        throw new InvalidSettingsException("the list of " + what + " names " + v + " twice");
      }
    }
  }

  /** Every run of the grid, entry by entry, horizon by horizon, seed by seed. */
  public List<RunSpec> runs() {
    String splitLabel = split.resolve(dataFile == null ? "" : dataFile).label();
    List<RunSpec> out = new ArrayList<>();
    for (String m : models) {
      for (int h : horizons) {
        for (long s : seeds) {
          out.add(new RunSpec(dataFile, dataSha256, splitLabel, type(m), seqLen, h, s, settings.get(m), m));
        }
      }
    }
    return out;
  }
}
