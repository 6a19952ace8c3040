package io.forecast.attention;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The checked, typed parameter values of one operator, defaults filled in. Immutable. */
public final class OperatorParams {
  private final String operator;
  private final Map<String, Object> values;

  OperatorParams(String operator, Map<String, Object> values) {
    this.operator = operator;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Every parameter by name, in the operator's order. */
  public Map<String, Object> asMap() {
    return values;
  }

  public int getInt(String name) {
    return (Integer) get(name);
  }

  public long getLong(String name) {
    return (Long) get(name);
  }

  public double getDouble(String name) {
    return (Double) get(name);
  }

  public boolean getBoolean(String name) {
    return (Boolean) get(name);
  }

  public String getString(String name) {
    return (String) get(name);
  }

  private Object get(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalStateException("operator '" + operator + "' has no parameter '" + name + "'");
    }
    return v;
  }

  @Override
  public String toString() {
    return operator + values;
  }
}
