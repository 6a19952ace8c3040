package io.forecast.forecasting.mixing;

import io.forecast.attention.InvalidOperatorParameterException;
import io.forecast.attention.OperatorParameter;
import io.forecast.attention.OperatorParams;
import io.forecast.attention.OperatorSpec;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.Setting;
import io.forecast.forecasting.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attention operators' parameters as settings of a model type.
 *
 * <p>A {@link io.forecast.forecasting.SettingsSchema} is a fixed list and refuses unknown keys, so it
 * cannot say "these settings exist only when {@code attention} is sinkhorn". Instead the type declares
 * the union of the operators' parameters as optional settings (no default: the operator's own default
 * applies), each loosely typed (the union of the ranges or choices of the operators sharing the name),
 * and {@link #params} hands the values given to the chosen operator's {@link OperatorSpec}, the same
 * check {@code forecast attention --param} runs: a parameter the operator does not have, or a value
 * outside its own range, is refused naming the operator and its parameters.
 *
 * <p>The operator is picked by one choice setting of the type ({@code attention} for itransformer,
 * {@code mixer} for olinear) whose values map to registry operators; several values may share one
 * operator (olinear's {@code sinkhorn} and {@code normlin-sinkhorn}).
 */
public final class OperatorSettings {
  private final String type;
  private final List<Setting> settings;

  private OperatorSettings(String type, List<Setting> settings) {
    this.type = type;
    this.settings = settings;
  }

  /**
   * The settings for every registered operator, chosen by the setting {@code choiceSetting} whose values
   * are the registry names.
   *
   * @param type the model type's name (for messages)
   */
  public static OperatorSettings forRegistry(String type, String choiceSetting) {
    Map<String, String> identity = new LinkedHashMap<>();
    AttentionOperators.names().forEach(n -> identity.put(n, n));
    return of(type, choiceSetting, identity);
  }

  /**
   * The settings for the operators that the values of {@code choiceSetting} map to.
   *
   * @param type the model type's name (for messages)
   * @param choices choice value → registry operator name, only for values that use an operator
   */
  public static OperatorSettings of(String type, String choiceSetting, Map<String, String> choices) {
    Map<String, List<OperatorParameter>> byName = new LinkedHashMap<>();
    Map<String, List<String>> owners = new LinkedHashMap<>();
    for (String op : AttentionOperators.names()) {
      if (!choices.containsValue(op)) {
        continue;
      }
      for (OperatorParameter p : AttentionOperators.spec(op).parameters()) {
        byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
        owners.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(op);
      }
    }
    List<Setting> out = new ArrayList<>();
    byName.forEach((name, params) -> out.add(setting(type, choiceSetting, choices, name, params, owners.get(name))));
    return new OperatorSettings(type, List.copyOf(out));
  }

  private static Setting setting(String type, String choiceSetting, Map<String, String> choices, String name,
      List<OperatorParameter> params, List<String> owners) {
    List<String> values = new ArrayList<>();
    for (String op : owners) {
      choices.forEach((value, target) -> {
        if (target.equals(op)) {
          values.add(value);
        }
      });
    }
    StringBuilder doc = new StringBuilder(choiceSetting + " parameter (only with " + choiceSetting + "="
        + String.join(" or ", values) + "; default: the operator's): ");
    for (int i = 0; i < params.size(); i++) {
      doc.append(i == 0 ? "" : "; ").append(owners.get(i)).append(": ").append(params.get(i).doc());
    }
    Set<OperatorParameter.Kind> kinds = new LinkedHashSet<>();
    params.forEach(p -> kinds.add(p.kind()));
    double min = params.stream().mapToDouble(OperatorParameter::min).min().orElseThrow();
    double max = params.stream().mapToDouble(OperatorParameter::max).max().orElseThrow();
    if (kinds.size() == 1 && kinds.contains(OperatorParameter.Kind.BOOLEAN)) {
      return Setting.flag(name, null, doc.toString());
    }
    if (kinds.size() == 1 && kinds.contains(OperatorParameter.Kind.CHOICE)) {
      Set<String> allowed = new LinkedHashSet<>();
      params.forEach(p -> allowed.addAll(p.choices()));
      return Setting.choice(name, null, List.copyOf(allowed), doc.toString());
    }
    if (kinds.stream().allMatch(k -> k == OperatorParameter.Kind.INT || k == OperatorParameter.Kind.LONG)) {
      // a long (seed) is reachable here within the int range; the operator still range-checks it
      return Setting.integer(name, null, (int) Math.max(min, Integer.MIN_VALUE), (int) Math.min(max, Integer.MAX_VALUE),
          doc.toString());
    }
    if (kinds.stream().noneMatch(k -> k == OperatorParameter.Kind.BOOLEAN || k == OperatorParameter.Kind.CHOICE)) {
      return Setting.decimal(name, null, min, max, doc.toString());
    }
    throw new IllegalStateException("attention operators " + owners + " declare parameter '" + name
        + "' with incompatible kinds " + kinds + "; the " + type + " settings cannot hold both");
  }

  /** One setting per distinct operator parameter name, in registry order. */
  public List<Setting> settings() {
    return settings;
  }

  /** Whether {@code name} is one of the operator-parameter settings. */
  public boolean isOperatorSetting(String name) {
    return settings.stream().anyMatch(s -> s.name().equals(name));
  }

  /** The operator-parameter settings given (not {@code null}) in {@code resolved}, by name, in order. */
  public Map<String, Object> given(Settings resolved) {
    Map<String, Object> given = new LinkedHashMap<>();
    for (Setting s : settings) {
      Object v = resolved.asMap().get(s.name());
      if (v != null) {
        given.put(s.name(), v);
      }
    }
    return given;
  }

  /**
   * The checked parameters of the chosen operator from resolved settings: the operator-parameter
   * settings that were given, checked by the operator's own spec, defaults filled in.
   *
   * @throws InvalidSettingsException naming the operator and its parameters when a given setting is not
   *     one of them, or a value is outside the operator's own range
   */
  public OperatorParams params(String operator, Settings resolved) {
    return params(operator, given(resolved));
  }

  /**
   * The checked parameters of {@code operator} from parameter values by name (defaults filled in).
   *
   * @throws InvalidSettingsException as {@link #params(String, Settings)}
   */
  public OperatorParams params(String operator, Map<String, ?> values) {
    try {
      OperatorSpec spec = AttentionOperators.spec(operator);
      return spec.params(values);
    } catch (InvalidOperatorParameterException e) {
      throw new InvalidSettingsException("model type '" + type + "': " + e.getMessage(), e);
    }
  }

  /**
   * What {@code model.json} records for a model type with an operator: every setting given or
   * defaulted except the operator-parameter settings, then the chosen operator's parameters with their
   * effective values (the other operators' parameters are left out).
   */
  public Map<String, Object> effectiveSettings(Settings resolved, OperatorParams params) {
    Map<String, Object> out = new LinkedHashMap<>();
    resolved.asMap().forEach((k, v) -> {
      if (!isOperatorSetting(k) && v != null) {
        out.put(k, v);
      }
    });
    out.putAll(params.asMap());
    return out;
  }
}
