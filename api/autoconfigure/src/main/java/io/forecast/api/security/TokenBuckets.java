package io.forecast.api.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One token bucket per client: up to {@code perMinute} tokens, refilled evenly at {@code perMinute}
 * per minute; each submission takes one. Buckets idle long enough to be full again are dropped once
 * the table grows past {@link #CLEANUP_THRESHOLD}, so the table stays bounded by the number of clients
 * active within a minute.
 */
final class TokenBuckets {
  static final int CLEANUP_THRESHOLD = 10_000;
  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

  private final int perMinute;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  TokenBuckets(int perMinute, LongSupplier nanoClock) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("perMinute must be at least 1, got " + perMinute);
    }
    this.perMinute = perMinute;
    this.nanoClock = nanoClock;
  }

  int perMinute() {
    return perMinute;
  }

  /** Takes a token for {@code client}: 0 if granted, else the nanoseconds until one is available. */
  long tryTake(String client) {
    long now = nanoClock.getAsLong();
    if (buckets.size() > CLEANUP_THRESHOLD) {
      buckets.values().removeIf(b -> b.idleFull(now));
    }
    return buckets.computeIfAbsent(client, c -> new Bucket(perMinute, now)).take(now);
  }

  /** Number of tracked clients (for tests). */
  int size() {
    return buckets.size();
  }

  private final class Bucket {
    private double tokens;
    private long updated;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updated = now;
    }

    synchronized long take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      double nanosPerToken = (double) MINUTE / perMinute;
      return Math.max(1, (long) Math.ceil((1 - tokens) * nanosPerToken));
    }

    synchronized boolean idleFull(long now) {
      refill(now);
      return tokens >= perMinute;
    }

    private void refill(long now) {
      long elapsed = now - updated;
      if (elapsed > 0) {
        tokens = Math.min(perMinute, tokens + (double) elapsed * perMinute / MINUTE);
        updated = now;
      }
    }
  }
}
