package io.forecast.api.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop HTTP load generator: {@code clients} threads share one {@link HttpClient} and send
 * the same POST until {@code requests} have been sent or the deadline passes, each timing its
 * request from send to the full response. Used by {@code forecast bench http}.
 */
final class HttpLoad {
  private final HttpClient client;
  private final HttpRequest request;

  HttpLoad(HttpClient client, HttpRequest request) {
    this.client = client;
    this.request = request;
  }

  /**
   * Runs one concurrency level.
   *
   * @return clients, requests, completed, errors, p50/p90/p99/max/mean milliseconds, seconds, throughput
   */
  Map<String, Object> run(int clients, int requests, Duration limit) throws InterruptedException {
    long[] latencies = new long[requests];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    long deadline = System.nanoTime() + limit.toNanos();
    List<Thread> threads = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      Thread t = new Thread(() -> {
        int i;
        while ((i = next.getAndIncrement()) < requests && System.nanoTime() < deadline) {
          long s = System.nanoTime();
          String error = null;
          try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
              error = "HTTP " + r.statusCode() + ": " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
            }
          } catch (IOException e) {
            error = e.toString();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          latencies[i] = System.nanoTime() - s;
          completed.incrementAndGet();
          if (error != null) {
            errors.incrementAndGet();
            if (firstErrors.size() < 3) {
              firstErrors.add(error.length() > 300 ? error.substring(0, 300) : error);
            }
          }
        }
      }, "bench-http-" + c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    int done = completed.get();
    long[] sorted = new long[done];
    int k = 0;
    for (long l : latencies) {
      if (l > 0 && k < done) {
        sorted[k++] = l;
      }
    }
    Arrays.sort(sorted, 0, k);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("clients", clients);
    out.put("requests", requests);
    out.put("completed", done);
    out.put("errors", errors.get());
    out.put("p50Ms", percentile(sorted, k, 0.50));
    out.put("p90Ms", percentile(sorted, k, 0.90));
    out.put("p99Ms", percentile(sorted, k, 0.99));
    out.put("maxMs", k == 0 ? null : sorted[k - 1] / 1e6);
    out.put("meanMs", k == 0 ? null : Arrays.stream(sorted, 0, k).average().orElse(0) / 1e6);
    out.put("seconds", seconds);
    out.put("throughputPerSecond", done / seconds);
    if (!firstErrors.isEmpty()) {
      out.put("firstErrors", List.copyOf(firstErrors));
    }
    return out;
  }

  /** Nearest-rank percentile in milliseconds, or {@code null} without samples. */
  static Double percentile(long[] sorted, int count, double p) {
    if (count == 0) {
      return null;
    }
    int rank = (int) Math.ceil(p * count);
    return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
  }

  /** Resident set size of a process in MiB from {@code /proc/PID/status}, or {@code null}. */
  static Double rssMiB(Long pid) {
    if (pid == null) {
      return null;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.trim().split("\\s+");
          return Long.parseLong(parts[1]) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  /** Whether a URL's host is a loopback address. */
  static boolean isLoopback(URI url) {
    String host = url.getHost();
    if (host == null) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
