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

  /**
   * What the server itself measured for {@code POST /api/v1/forecasts}: the request count and total seconds
   * of Spring's {@code http.server.requests} timer (from the request's arrival in the servlet filter chain to
   * the response written: JSON parsing, validation, forecasting and serialisation, without the network or the
   * client), summed over status codes, from the server's Prometheus scrape; {@code null} where the scrape is
   * not available (actuator off or protected).
   */
  static double[] serverRequestTotals(HttpClient http, URI base) {
    HttpResponse<String> scrape;
    try {
      scrape = http.send(HttpRequest.newBuilder(base.resolve("/actuator/prometheus")).GET()
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    if (scrape.statusCode() != 200) {
      return null;
    }
    double count = 0;
    double sum = 0;
    boolean found = false;
    for (String line : scrape.body().split("\n")) {
      if (!line.contains("uri=\"/api/v1/forecasts\"") || !line.contains("method=\"POST\"")) {
        continue;
      }
      try {
        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        if (line.startsWith("http_server_requests_seconds_count{")) {
          count += value;
          found = true;
        } else if (line.startsWith("http_server_requests_seconds_sum{")) {
          sum += value;
        }
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return found ? new double[] {count, sum} : null;
  }

  /** CPU time (user + system) a process has used so far, in milliseconds, or {@code null} where unknown. */
  static Double cpuMillis(Long pid) {
    if (pid == null) {
      return null;
    }
    return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos() / 1e6).orElse(null);
  }

  /**
   * The split of one level's cost between server and load generator: the server's own mean time per request
   * ({@link #serverRequestTotals}) and the CPU milliseconds per completed request of each process.
   */
  static void putCostSplit(Map<String, Object> level, double[] serverBefore, double[] serverAfter,
      Double serverCpuBefore, Double serverCpuAfter, Double clientCpuBefore, Double clientCpuAfter) {
    int completed = (Integer) level.get("completed");
    if (serverBefore != null && serverAfter != null && serverAfter[0] > serverBefore[0]) {
      level.put("serverRequestsTimed", (long) (serverAfter[0] - serverBefore[0]));
      level.put("serverMeanMs", (serverAfter[1] - serverBefore[1]) * 1000 / (serverAfter[0] - serverBefore[0]));
    }
    if (completed > 0 && serverCpuBefore != null && serverCpuAfter != null) {
      level.put("serverCpuMsPerRequest", (serverCpuAfter - serverCpuBefore) / completed);
    }
    if (completed > 0 && clientCpuBefore != null && clientCpuAfter != null) {
      level.put("clientCpuMsPerRequest", (clientCpuAfter - clientCpuBefore) / completed);
    }
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
