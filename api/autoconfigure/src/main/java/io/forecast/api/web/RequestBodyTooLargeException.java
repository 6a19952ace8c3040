package io.forecast.api.web;

import java.io.IOException;

/** Thrown while reading a JSON body that turns out longer than the configured limit. */
public final class RequestBodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;
  private final long limit;

  public RequestBodyTooLargeException(long limit) {
    super("request body is larger than the limit of " + limit + " bytes (forecast.api.max-json-body-size)");
    this.limit = limit;
  }

  /** The limit in bytes. */
  public long limit() {
    return limit;
  }
}
