package io.forecast.attention;

import io.forecast.attention.reference.ReferenceOperator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How to create one attention operator by name: its description, its typed parameters, and the two
 * factories (the DJL operator and the float64 EJML oracle) over the checked parameters.
 */
public final class OperatorSpec {
  private final String name;
  private final String description;
  private final List<OperatorParameter> parameters;
  private final Function<OperatorParams, AttentionOperator> djl;
  private final Function<OperatorParams, ReferenceOperator> reference;

  public OperatorSpec(String name, String description, List<OperatorParameter> parameters,
      Function<OperatorParams, AttentionOperator> djl, Function<OperatorParams, ReferenceOperator> reference) {
    this.name = Objects.requireNonNull(name, "name");
    this.description = Objects.requireNonNull(description, "description");
    this.parameters = List.copyOf(parameters);
    this.djl = Objects.requireNonNull(djl, "djl");
    this.reference = Objects.requireNonNull(reference, "reference");
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public List<OperatorParameter> parameters() {
    return parameters;
  }

  /**
   * Checks {@code values} against the parameters (unknown names refused, each value parsed and range
   * checked) and fills in the defaults.
   *
   * @throws InvalidOperatorParameterException naming the operator, the parameter and what is allowed
   */
  public OperatorParams params(Map<String, ?> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : values.keySet()) {
      if (parameters.stream().noneMatch(p -> p.name().equals(key))) {
        throw new InvalidOperatorParameterException("attention operator '" + name + "' has no parameter '" + key
            + "'" + (parameters.isEmpty() ? " (it takes none)" : "; its parameters: " + String.join(", ",
                parameters.stream().map(OperatorParameter::name).toList())));
      }
    }
    for (OperatorParameter p : parameters) {
      Object given = values.get(p.name());
      out.put(p.name(), given == null ? p.defaultValue() : p.parse(name, given));
    }
    return new OperatorParams(name, out);
  }

  /** The DJL operator for checked parameters. */
  public AttentionOperator create(OperatorParams params) {
    return djl.apply(params);
  }

  /** The float64 oracle for checked parameters. */
  public ReferenceOperator reference(OperatorParams params) {
    return reference.apply(params);
  }
}
