package io.forecast.forecasting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forecast.forecasting.ModelCard;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every timestamp of a history is checked (parse in one layout, strictly increasing, one model step
 * apart), with exact messages naming index and value. The stub card: seqLen 3, predLen 2, columns
 * a and b, layout yyyy-MM-dd HH:mm:ss, hourly.
 */
class HistoryCheckTest {
  private static final ModelCard HOURLY = StubForecaster.card(3, 2, "a", "b");
  private static final ModelCard NO_FREQUENCY = new ModelCard("stub", 3, 2, List.of("a", "b"), "b", "date",
      "DATE_TIME_SECONDS", 0);

  private static History history(String... timestamps) {
    Map<String, double[]> columns = new LinkedHashMap<>();
    columns.put("a", new double[timestamps.length]);
    columns.put("b", new double[timestamps.length]);
    return new History(Arrays.asList(timestamps), columns);
  }

  private static List<String> future(ModelCard card, History history) {
    return HistoryCheck.futureTimestamps(card, history, true);
  }

  @Test
  void anOrderedHourlyHistoryIsContinuedAtTheModelsFrequency() {
    assertThat(future(HOURLY, history("2016-07-01 00:00:00", "2016-07-01 01:00:00", "2016-07-01 02:00:00")))
        .containsExactly("2016-07-01 03:00:00", "2016-07-01 04:00:00");
  }

  @Test
  void aHistoryWithoutTimestampsIsAccepted() {
    assertThat(future(HOURLY, new History(null, history("x", "y", "z").columns()))).isNull();
  }

  @Test
  void aGarbageTimestampInTheMiddleIsRefused() {
    assertThatThrownBy(() -> future(HOURLY, history("2016-07-01 00:00:00", "2016-07-01 01:xx:00",
        "2016-07-01 02:00:00"))).isInstanceOf(InvalidHistoryException.class)
        .hasMessage("timestamps[1] '2016-07-01 01:xx:00' is not a timestamp; expected the model's layout "
            + "yyyy-MM-dd HH:mm:ss");
  }

  @Test
  void aGarbageFirstTimestampIsRefused() {
    assertThatThrownBy(() -> future(HOURLY, history("x", "2016-07-01 01:00:00", "2016-07-01 02:00:00")))
        .isInstanceOf(InvalidHistoryException.class)
        .hasMessage("timestamps[0] 'x' is not a timestamp; expected the model's layout yyyy-MM-dd HH:mm:ss");
  }

  @Test
  void aNullTimestampIsRefused() {
    assertThatThrownBy(() -> future(HOURLY, history("2016-07-01 00:00:00", null, "2016-07-01 02:00:00")))
        .isInstanceOf(InvalidHistoryException.class)
        .hasMessage("timestamps[1] is missing (null); expected the model's layout yyyy-MM-dd HH:mm:ss");
  }

  @Test
  void aTimestampBeforeThePreviousOneIsRefused() {
    assertThatThrownBy(() -> future(HOURLY, history("2016-07-01 16:00:00", "2016-07-01 17:00:00",
        "2016-07-01 18:00:00", "2016-07-01 17:00:00"))).isInstanceOf(InvalidHistoryException.class)
        .hasMessage("timestamps[3] '2016-07-01 17:00:00' is not after timestamps[2] '2016-07-01 18:00:00'");
  }

  @Test
  void aTimestampBeforeThePreviousOneIsRefusedAlsoWithoutAFrequency() {
    assertThatThrownBy(() -> future(NO_FREQUENCY, history("2016-07-01 16:00:00", "2016-07-01 18:00:00",
        "2016-07-01 17:00:00"))).isInstanceOf(InvalidHistoryException.class)
        .hasMessage("timestamps[2] '2016-07-01 17:00:00' is not after timestamps[1] '2016-07-01 18:00:00'");
  }

  @Test
  void aRepeatedTimestampIsRefused() {
    assertThatThrownBy(() -> future(HOURLY, history("2016-07-01 00:00:00", "2016-07-01 01:00:00",
        "2016-07-01 01:00:00"))).isInstanceOf(InvalidHistoryException.class)
        .hasMessage("timestamps[2] '2016-07-01 01:00:00' is not after timestamps[1] '2016-07-01 01:00:00'");
  }

  @Test
  void aGapInTheHistoryIsRefusedWhenTheModelHasAFrequency() {
    assertThatThrownBy(() -> future(HOURLY, history("2016-07-01 00:00:00", "2016-07-01 01:00:00",
        "2016-07-01 03:00:00"))).isInstanceOf(InvalidHistoryException.class)
        .hasMessage("timestamps[2] '2016-07-01 03:00:00' is not one step (3600 s) after "
            + "timestamps[1] '2016-07-01 01:00:00'");
  }

  @Test
  void aGapIsAcceptedWhenTheModelHasNoFrequency() {
    assertThat(future(NO_FREQUENCY, history("2016-07-01 00:00:00", "2016-07-01 01:00:00", "2016-07-01 03:00:00")))
        .isNull();
  }

  @Test
  void aHistoryInAnotherLayoutIsAcceptedAndAnsweredInTheModelsLayout() {
    assertThat(future(HOURLY, history("2016-07-01T00:00:00", "2016-07-01T01:00:00", "2016-07-01T02:00:00")))
        .containsExactly("2016-07-01 03:00:00", "2016-07-01 04:00:00");
  }

  @Test
  void layoutsMustNotBeMixed() {
    assertThatThrownBy(() -> future(HOURLY, history("2016-07-01T00:00:00", "2016-07-01 01:00:00",
        "2016-07-01T02:00:00"))).isInstanceOf(InvalidHistoryException.class)
        .hasMessage("timestamps[1] '2016-07-01 01:00:00' is not a timestamp; expected the layout ISO-8601 of "
            + "timestamps[0]");
  }

  @Test
  void nonPrintableCharactersAreEscapedInMessages() {
    assertThatThrownBy(() -> future(HOURLY, history("2016-07-01 00:00:00", "2016-07\u0000-01 01:00:00",
        "2016-07-01 02:00:00"))).isInstanceOf(InvalidHistoryException.class)
        .hasMessage("timestamps[1] '2016-07\\u0000-01 01:00:00' is not a timestamp; expected the model's layout "
            + "yyyy-MM-dd HH:mm:ss");
  }

  @Test
  void longValuesAreShortenedInMessages() {
    String longText = "9".repeat(100);
    assertThatThrownBy(() -> future(HOURLY, history(longText, "2016-07-01 01:00:00", "2016-07-01 02:00:00")))
        .isInstanceOf(InvalidHistoryException.class)
        .hasMessage("timestamps[0] '" + "9".repeat(57) + "...' is not a timestamp; expected the model's layout "
            + "yyyy-MM-dd HH:mm:ss");
  }

  @Test
  void aForecastPastTheLastRepresentableDateIsRefused() {
    assertThatThrownBy(() -> future(HOURLY, history("+999999999-12-31T21:00:00", "+999999999-12-31T22:00:00",
        "+999999999-12-31T23:00:00"))).isInstanceOf(InvalidHistoryException.class)
        .hasMessage("timestamps[2] '+999999999-12-31T23:00:00' is too late: the forecast's timestamps would be "
            + "past the last representable date");
  }

  @Test
  void anUploadedFileHasOnlyItsLastTimestampParsed() {
    History withGap = history("2016-07-01 00:00:00", "2016-07-01 05:00:00", "2016-07-01 06:00:00");
    assertThat(HistoryCheck.futureTimestamps(HOURLY, withGap, false))
        .containsExactly("2016-07-01 07:00:00", "2016-07-01 08:00:00");
  }

  @Test
  void moreRowsThanTheLimitAreRefused() {
    assertThatThrownBy(() -> HistoryCheck.rowCount(history("a", "b", "c", "d"), 3))
        .isInstanceOf(InvalidHistoryException.class)
        .hasMessage("history has 4 rows; at most 3 are accepted per forecast");
  }

  @Test
  void rowsUpToTheLimitAreAccepted() {
    HistoryCheck.rowCount(history("a", "b", "c"), 3);
  }

  @Test
  void theRowLimitCountsTheLongestColumn() {
    Map<String, double[]> columns = new LinkedHashMap<>();
    columns.put("a", new double[3]);
    columns.put("b", new double[5]);
    assertThatThrownBy(() -> HistoryCheck.rowCount(new History(null, columns), 3))
        .isInstanceOf(InvalidHistoryException.class)
        .hasMessage("history has 5 rows; at most 3 are accepted per forecast");
  }
}
