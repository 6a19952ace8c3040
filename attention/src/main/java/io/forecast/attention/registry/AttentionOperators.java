package io.forecast.attention.registry;

import io.forecast.attention.AttentionOperator;
import io.forecast.attention.InvalidOperatorParameterException;
import io.forecast.attention.OperatorSpec;
import io.forecast.attention.delta.Delta;
import io.forecast.attention.monarch.Monarch;
import io.forecast.attention.qontot.Qontot;
import io.forecast.attention.qr.Qr;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.sink.SinkVariants;
import io.forecast.attention.sinkhorn.Sinkhorn;
import io.forecast.attention.softmax.Softmax;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every attention operator by name: {@code create("sinkhorn", Map.of("iterations", 3))} gives the DJL
 * operator, {@link #reference} its float64 oracle. Names and parameters are checked with messages
 * naming what is allowed. Each operator package contributes one {@link OperatorSpec}.
 */
public final class AttentionOperators {
  private static final Map<String, OperatorSpec> SPECS = new LinkedHashMap<>();

  static {
    for (OperatorSpec spec : List.of(
        Softmax.SPEC,
        Sinkhorn.SPEC,
        Qr.SPEC,
        Qontot.SPEC,
        Delta.SPEC,
        Monarch.SPEC,
        SinkVariants.SINK_TOKEN,
        SinkVariants.NULL_SINK,
        SinkVariants.DIAGONAL_BIAS,
        SinkVariants.SWITCH)) {
      SPECS.put(spec.name(), spec);
    }
  }

  private AttentionOperators() {}

  /** The registered names, in a fixed order. */
  public static List<String> names() {
    return List.copyOf(SPECS.keySet());
  }

  /**
   * The entry of {@code name}.
   *
   * @throws InvalidOperatorParameterException for an unknown name, listing the known ones
   */
  public static OperatorSpec spec(String name) {
    OperatorSpec spec = SPECS.get(name);
    if (spec == null) {
      throw new InvalidOperatorParameterException("unknown attention operator '" + name + "'; known: "
          + String.join(", ", SPECS.keySet()));
    }
    return spec;
  }

  /** The DJL operator {@code name} with {@code params} (defaults for those not given). */
  public static AttentionOperator create(String name, Map<String, ?> params) {
    OperatorSpec spec = spec(name);
    return spec.create(spec.params(params));
  }

  /** The float64 oracle of {@code name} with {@code params}. */
  public static ReferenceOperator reference(String name, Map<String, ?> params) {
    OperatorSpec spec = spec(name);
    return spec.reference(spec.params(params));
  }
}
