package io.forecast.forecasting.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peak resident memory of this process over a stretch of time: {@code VmRSS} of
 * {@code /proc/self/status} sampled every 100 ms on a daemon thread, and once at the start and the
 * end. Off Linux (no {@code /proc}) there is nothing to sample and the peak is unknown.
 */
final class PeakRss implements AutoCloseable {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final long INTERVAL_MS = 100;
  private final AtomicLong peakKb = new AtomicLong(-1);
  private final Thread sampler;
  private volatile boolean running = true;

  private PeakRss() {
    sample();
    sampler = new Thread(() -> {
      while (running) {
        try {
          Thread.sleep(INTERVAL_MS);
        } catch (InterruptedException e) {
          return;
        }
        sample();
      }
    }, "compare-rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts sampling. */
  static PeakRss start() {
    return new PeakRss();
  }

  /** Whether this platform reports the resident memory ({@code /proc/self/status} readable). */
  static boolean available() {
    return currentKb().isPresent();
  }

  private void sample() {
    currentKb().ifPresent(kb -> peakKb.accumulateAndGet(kb, Math::max));
  }

  /** Stops sampling (after a last sample) and returns the peak in MiB, or {@code null} if unknown. */
  Double stop() {
    running = false;
    sampler.interrupt();
    sample();
    long kb = peakKb.get();
    return kb < 0 ? null : kb / 1024.0;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }

  /** {@code VmRSS} in kB, empty where it cannot be read. */
  static OptionalLong currentKb() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          String digits = line.substring(6).replaceAll("[^0-9]", "");
          return digits.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(digits));
        }
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
