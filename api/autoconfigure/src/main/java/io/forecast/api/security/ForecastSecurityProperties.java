package io.forecast.api.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security of the REST API, under the prefix {@code forecast.security}. Keys are secrets: give them in
 * the environment ({@code FORECAST_SECURITY_READ_KEYS}, {@code FORECAST_SECURITY_WRITE_KEYS}, comma
 * lists) rather than on a command line other users can read; they are never logged.
 */
@ConfigurationProperties(prefix = "forecast.security")
public class ForecastSecurityProperties {
  /** Name of the property holding the read keys. */
  public static final String READ_KEYS = "forecast.security.read-keys";
  /** Name of the property holding the write keys. */
  public static final String WRITE_KEYS = "forecast.security.write-keys";

  /**
   * Whether the REST API is guarded here (API keys, cross-site refusal, training rate limit). False
   * leaves {@code /api/v1} to the host application's own security configuration.
   */
  private boolean enabled = true;

  /** API keys allowed to read: forecasts, evaluations, listing models, jobs and model types. */
  private List<String> readKeys = new ArrayList<>();

  /**
   * API keys allowed to read and write: also training (POST /api/v1/models), backtests (POST
   * /api/v1/backtests) and deleting models and jobs.
   */
  private List<String> writeKeys = new ArrayList<>();

  /**
   * Guard every path of the application, not only {@code /api/v1}: actuator health and info and the
   * OpenAPI documents stay open, every other path needs a key when keys are configured. {@code forecast
   * serve} turns it on; a host application keeps its own rules for its other paths.
   */
  private boolean allPaths = false;

  /**
   * Training and backtest submissions (POST /api/v1/models, POST /api/v1/backtests) one client may
   * make per minute (token bucket: bursts of up to this many, refilled evenly); a client is an API key, or the remote address in open mode
   * (loopback clients are not limited in open mode). 0 turns the limit off.
   */
  private int trainingRatePerMinute = 10;

  private final Cors cors = new Cors();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public List<String> getReadKeys() {
    return readKeys;
  }

  public void setReadKeys(List<String> readKeys) {
    this.readKeys = readKeys == null ? new ArrayList<>() : readKeys;
  }

  public List<String> getWriteKeys() {
    return writeKeys;
  }

  public void setWriteKeys(List<String> writeKeys) {
    this.writeKeys = writeKeys == null ? new ArrayList<>() : writeKeys;
  }

  public boolean isAllPaths() {
    return allPaths;
  }

  public void setAllPaths(boolean allPaths) {
    this.allPaths = allPaths;
  }

  public int getTrainingRatePerMinute() {
    return trainingRatePerMinute;
  }

  public void setTrainingRatePerMinute(int trainingRatePerMinute) {
    if (trainingRatePerMinute < 0) {
      throw new IllegalArgumentException("forecast.security.training-rate-per-minute must be at least 0, got "
          + trainingRatePerMinute);
    }
    this.trainingRatePerMinute = trainingRatePerMinute;
  }

  public Cors getCors() {
    return cors;
  }

  /** The keys of this configuration (blank entries dropped; an empty set is open mode). */
  public ApiKeys apiKeys() {
    return ApiKeys.of(readKeys, writeKeys);
  }

  /** Cross-origin resource sharing for browser front ends on other origins. */
  public static class Cors {
    /**
     * Origins (e.g. {@code https://dashboard.example.com}) whose pages may call the API from a browser.
     * Empty (the default): CORS is off, and in open mode state-changing cross-site requests are refused.
     */
    private List<String> allowedOrigins = new ArrayList<>();

    public List<String> getAllowedOrigins() {
      return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
      this.allowedOrigins = allowedOrigins == null ? new ArrayList<>() : allowedOrigins;
    }
  }
}
