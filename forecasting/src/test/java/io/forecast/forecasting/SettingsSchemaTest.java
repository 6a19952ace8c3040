package io.forecast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings are parsed from text and JSON scalars, checked, defaulted and described. */
class SettingsSchemaTest {
  private static final SettingsSchema SCHEMA = new SettingsSchema("demo", List.of(
      Setting.integer("kernel", 25, 1, 1001, "moving-average kernel"),
      Setting.decimal("dropout", 0.1, 0, 0.99, "dropout"),
      Setting.flag("individual", false, "per channel"),
      Setting.choice("loss", "mse", List.of("mse", "mae"), "criterion"),
      Setting.integer("period", null, 1, 100, "season")));

  @Test
  void defaultsFillWhatIsNotGiven() {
    Settings s = SCHEMA.resolve(Map.of());
    assertThat(s.integer("kernel")).isEqualTo(25);
    assertThat(s.decimal("dropout")).isEqualTo(0.1);
    assertThat(s.flag("individual")).isFalse();
    assertThat(s.choice("loss")).isEqualTo("mse");
    assertThat(s.integer("period")).isNull();
    assertThat(s.asMap()).containsOnlyKeys("kernel", "dropout", "individual", "loss", "period");
  }

  @Test
  void textAndJsonScalarsGiveTheSameValues() {
    Settings text = SCHEMA.resolve(Map.of("kernel", "7", "dropout", "0.25", "individual", "TRUE", "loss", "mae"));
    Settings json = SCHEMA.resolve(Map.of("kernel", BigInteger.valueOf(7), "dropout", 0.25, "individual", true,
        "loss", "mae"));
    assertThat(text.asMap()).isEqualTo(json.asMap());
    assertThat(SCHEMA.resolve(Map.of("kernel", 7.0)).integer("kernel")).as("an integral decimal").isEqualTo(7);
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> SCHEMA.resolve(Map.of("kernel", "7.5")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("setting 'kernel' of model type 'demo' must be a whole number, got '7.5'");
    assertThatThrownBy(() -> SCHEMA.resolve(Map.of("kernel", "0")))
        .hasMessage("setting 'kernel' of model type 'demo' must be between 1 and 1001, got '0'");
    assertThatThrownBy(() -> SCHEMA.resolve(Map.of("kernel", new BigInteger("99999999999999999999"))))
        .hasMessage("setting 'kernel' of model type 'demo' must be a whole number, got '99999999999999999999'");
    assertThatThrownBy(() -> SCHEMA.resolve(Map.of("kernel", true)))
        .hasMessageContaining("must be a whole number");
    assertThatThrownBy(() -> SCHEMA.resolve(Map.of("dropout", "NaN")))
        .hasMessage("setting 'dropout' of model type 'demo' must be a finite number, got 'NaN'");
    assertThatThrownBy(() -> SCHEMA.resolve(Map.of("dropout", "1e400")))
        .hasMessage("setting 'dropout' of model type 'demo' must be a finite number, got '1e400'");
    assertThatThrownBy(() -> SCHEMA.resolve(Map.of("individual", "yes")))
        .hasMessage("setting 'individual' of model type 'demo' must be true or false, got 'yes'");
    assertThatThrownBy(() -> SCHEMA.resolve(Map.of("loss", "huber")))
        .hasMessage("setting 'loss' of model type 'demo' must be one of mse, mae, got 'huber'");
    assertThatThrownBy(() -> SCHEMA.resolve(Map.of("kernal", "3")))
        .hasMessage("model type 'demo' has no setting 'kernal'; its settings: kernel, dropout, individual, loss, period");
    Map<String, Object> withNull = new LinkedHashMap<>();
    withNull.put("kernel", null);
    assertThatThrownBy(() -> SCHEMA.resolve(withNull))
        .hasMessage("setting 'kernel' of model type 'demo' must be a value, got 'null'");
  }

  @Test
  void everySettingIsDescribed() {
    List<Map<String, Object>> d = SCHEMA.describe();
    assertThat(d).hasSize(5);
    assertThat(d.get(0)).containsEntry("name", "kernel").containsEntry("type", "integer").containsEntry("default", 25)
        .containsEntry("min", 1L).containsEntry("max", 1001L).containsEntry("doc", "moving-average kernel");
    assertThat(d.get(3)).containsEntry("type", "choice").containsEntry("choices", List.of("mse", "mae"));
    assertThat(d.get(4)).containsEntry("default", null);
  }
}
