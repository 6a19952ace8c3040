package io.forecast.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * The timestamp layouts the loader recognises, tried in this order on the first timestamp of a
 * file; every later timestamp must then use the same layout.
 *
 * <p>Timestamps are held as epoch seconds of the wall-clock time read as UTC (no zone is implied
 * unless the text carries an offset, which is then applied).
 */
public enum TimestampFormat {
  /** {@code 2016-07-01 00:00:00} (ETT, weather, ILI). */
  DATE_TIME_SECONDS("yyyy-MM-dd HH:mm:ss", "uuuu-MM-dd HH:mm:ss"),
  /** {@code 2016-07-01 00:00}. */
  DATE_TIME_MINUTES("yyyy-MM-dd HH:mm", "uuuu-MM-dd HH:mm"),
  /** {@code 1990/1/1 0:00} (exchange_rate), no zero padding required. */
  SLASH_DATE_TIME("yyyy/M/d H:mm", "uuuu/M/d H:mm"),
  /** ISO-8601 local date-time, {@code 2016-07-01T00:00[:00[.fraction]]}. */
  ISO_LOCAL("ISO-8601", null),
  /** ISO-8601 with an offset, {@code 2016-07-01T00:00:00Z} or {@code +02:00}; stored as UTC. */
  ISO_OFFSET("ISO-8601 with offset", null),
  /** Date only, {@code 2016-07-01}. */
  DATE("yyyy-MM-dd", "uuuu-MM-dd");

  private final String description;
  private final DateTimeFormatter formatter;

  TimestampFormat(String description, String pattern) {
    this.description = description;
    this.formatter = pattern == null ? null
        : DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
  }

  /** Human-readable layout, e.g. {@code yyyy-MM-dd HH:mm:ss}. */
  public String description() {
    return description;
  }

  /**
   * Finds the first layout that parses {@code text}.
   *
   * @return the layout, or {@code null} if none parses it
   */
  public static TimestampFormat detect(String text) {
    for (TimestampFormat f : values()) {
      if (f.tryParse(text) != Long.MIN_VALUE) {
        return f;
      }
    }
    return null;
  }

  /** Parses {@code text} to epoch seconds (UTC wall clock), or {@link Long#MIN_VALUE} if it does not parse. */
  public long tryParse(String text) {
    if (text == null || text.isEmpty()) {
      return Long.MIN_VALUE;
    }
    try {
      return switch (this) {
        case ISO_LOCAL -> LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .toEpochSecond(ZoneOffset.UTC);
        case ISO_OFFSET -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond();
        case DATE -> LocalDate.parse(text, formatter).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        default -> LocalDateTime.parse(text, formatter).toEpochSecond(ZoneOffset.UTC);
      };
    } catch (DateTimeParseException e) {
      return Long.MIN_VALUE;
    }
  }

  /** Formats epoch seconds back in this layout (ISO with offset is written in UTC, {@code Z}). */
  public String format(long epochSeconds) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
    return switch (this) {
      case ISO_LOCAL -> t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
      case ISO_OFFSET -> t.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      default -> t.format(formatter);
    };
  }
}
