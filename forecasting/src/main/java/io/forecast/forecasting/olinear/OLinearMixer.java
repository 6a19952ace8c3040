package io.forecast.forecasting.olinear;

import io.forecast.attention.AttentionOperator;
import io.forecast.attention.OperatorParams;
import io.forecast.attention.qontot.Qontot;
import io.forecast.attention.qontot.QontotAttention;
import io.forecast.attention.qr.QrAttention;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.attention.sinkhorn.SinkhornAttention;
import io.forecast.forecasting.InvalidSettingsException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What fills the variate-mixing slot of every {@link LinearEncoderLayer} (spec attention.md §8.1,
 * olinear.md §5): {@code M = A·v_proj(h)} with
 *
 * <ul>
 *   <li>{@code normlin} (default): {@code A = rowNormL1(softplus(W))}, W learnable N×N;
 *   <li>{@code normlin-sinkhorn}: {@code A = Sinkhorn(log softplus(W))}, the sinkhorn operator's
 *       iterations on the N×N logits, once per batch (input-independent, doubly stochastic in the limit);
 *   <li>{@code normlin-qr}: {@code A = U∘U} with {@code W = U·R}, the qr operator on W (input-independent,
 *       orthostochastic);
 *   <li>an attention operator ({@code softmax}, {@code sinkhorn}, {@code qr}, {@code qontot},
 *       {@code sink-token}, {@code null-sink}, {@code diagonal-bias}, {@code switch}):
 *       {@code A = f(QKᵀ/√d)} per sample with added Linear q/k projections of the layer input, over
 *       {@code heads} heads.
 * </ul>
 *
 * <p>{@code delta} and {@code monarch} are not offered: delta's sliding windows need an ordered token
 * axis, which variates lack (attention.md §8.2), and monarch's blocks must fit the variate count.
 *
 * @param name the mixer's name
 * @param heads heads of an attention mixer (ignored by the NormLin mixers)
 * @param params the operator's checked parameters; {@code null} for {@code normlin}
 */
public record OLinearMixer(String name, int heads, OperatorParams params) {
  /** The paper's NormLin. */
  public static final String NORMLIN = "normlin";
  /** Sinkhorn of log softplus(W). */
  public static final String NORMLIN_SINKHORN = "normlin-sinkhorn";
  /** The QR operator on W. */
  public static final String NORMLIN_QR = "normlin-qr";
  /**
   * Heads of an attention mixer by default: 8, the {@code --n_heads} default of the official
   * {@code run.py} that the attention ablation ({@code model/OLinear_attn_var.py},
   * {@code scripts/ablation/attn_var/*.sh}, which do not set it) used.
   */
  public static final int DEFAULT_HEADS = 8;

  /** Mixer name → registry operator, for the mixers that use one, in the order offered. */
  public static final Map<String, String> OPERATORS = operators();
  /** Every mixer name, {@code normlin} first. */
  public static final List<String> NAMES = names();

  /** The default mixer. */
  public static final OLinearMixer DEFAULT = new OLinearMixer(NORMLIN, DEFAULT_HEADS, null);

  private static Map<String, String> operators() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(NORMLIN_SINKHORN, SinkhornAttention.NAME);
    m.put(NORMLIN_QR, QrAttention.NAME);
    for (String op : AttentionOperators.names()) {
      if (!op.equals("delta") && !op.equals("monarch")) {
        m.put(op, op);
      }
    }
    return Collections.unmodifiableMap(m);
  }

  private static List<String> names() {
    List<String> all = new java.util.ArrayList<>();
    all.add(NORMLIN);
    all.addAll(OPERATORS.keySet());
    return List.copyOf(all);
  }

  /**
   * @throws InvalidSettingsException for an unknown name, fewer than one head, or parameters that are
   *     missing or belong to another operator
   */
  public OLinearMixer {
    Objects.requireNonNull(name, "name");
    if (!NAMES.contains(name)) {
      throw new InvalidSettingsException("unknown mixer '" + name + "' of model type 'olinear'; known: "
          + String.join(", ", NAMES));
    }
    if (heads < 1) {
      throw new InvalidSettingsException("setting 'nHeads' of model type 'olinear' must be at least 1, got " + heads);
    }
    if (name.equals(NORMLIN) != (params == null)) {
      throw new IllegalArgumentException("mixer " + name + (params == null ? " needs operator parameters"
          : " takes no operator parameters"));
    }
    if (params != null) {
      // the registry checks them again: a map from another operator is refused there
      AttentionOperators.spec(OPERATORS.get(name)).params(params.asMap());
    }
  }

  /** Whether A is formed per sample from q/k projections (an attention operator), not from W. */
  public boolean dataDependent() {
    return !name.equals(NORMLIN) && !name.equals(NORMLIN_SINKHORN) && !name.equals(NORMLIN_QR);
  }

  /** The registry operator, or {@code null} for {@code normlin}. */
  public String operatorName() {
    return OPERATORS.get(name);
  }

  /** A new operator instance, or {@code null} for {@code normlin}. */
  public AttentionOperator operator() {
    return params == null ? null : AttentionOperators.spec(operatorName()).create(params);
  }

  /** The operator parameters by name (empty for {@code normlin}). */
  public Map<String, Object> parameterValues() {
    return params == null ? Map.of() : params.asMap();
  }

  /** Whether each layer owns trainable circuit angles θ (qontot in mode {@code trainable}). */
  public boolean trainableTheta() {
    return operator() instanceof QontotAttention q && q.mode() == QontotAttention.Mode.TRAINABLE;
  }

  /**
   * Checks the mixer against the sizes.
   *
   * @throws InvalidSettingsException when the heads do not divide dModel, or qontot meets a variate count
   *     other than 4, 8 or 16
   */
  void check(int variates, int dModel) {
    if (!dataDependent()) {
      return;
    }
    if (dModel % heads != 0) {
      throw new InvalidSettingsException("setting 'nHeads' of model type 'olinear' must divide dModel " + dModel
          + " (each head gets dModel/nHeads features), got " + heads);
    }
    if (name.equals(QontotAttention.NAME) && !Qontot.SIZES.contains(variates)) {
      throw new InvalidSettingsException("mixer 'qontot' of model type 'olinear' works only with 4, 8 or 16 "
          + "variates (one token per column): these data have " + variates + " columns");
    }
  }

  /** Trainable parameters of one layer's mixer for N variates of width dModel. */
  public long parameterCount(int variates, int dModel) {
    if (!dataDependent()) {
      return (long) variates * variates;
    }
    long projections = 2 * ((long) dModel * dModel + dModel);
    long theta = trainableTheta() ? ((QontotAttention) operator()).parameterCount(variates) : 0;
    return projections + theta;
  }
}
