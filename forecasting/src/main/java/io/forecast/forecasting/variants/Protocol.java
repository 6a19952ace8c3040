package io.forecast.forecasting.variants;

import io.forecast.forecasting.InvalidSettingsException;
import java.util.Locale;

/** The comparison protocols of spec attention.md §8.3. */
public enum Protocol {
  /** From scratch: every variant trained with the same settings and seeds. */
  A,
  /** Zero-shot swap: trained with softmax, each variant swapped in at inference. */
  B;

  /**
   * {@code A} or {@code B} (either case).
   *
   * @throws InvalidSettingsException for anything else
   */
  public static Protocol parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException("the protocol must be A (train every variant from scratch) or B (train "
          + "softmax, swap each variant in at inference), got '" + text + "'");
    }
  }
}
