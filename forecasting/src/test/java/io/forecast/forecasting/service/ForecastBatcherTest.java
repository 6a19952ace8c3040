package io.forecast.forecasting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forecast.forecasting.ModelCard;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ForecastBatcherTest {
  /** A stub that records batch sizes and takes a little time per call. */
  static final class CountingForecaster extends Object {
    static StubForecaster create(AtomicInteger calls, List<Integer> sizes, AtomicInteger concurrent,
        AtomicInteger maxConcurrent) {
      ModelCard card = StubForecaster.card(2, 3, "a", "b");
      return new StubForecaster(card) {
        @Override
        public double[] forecast(double[] history, int rows) {
          return forecastBatch(history, 1);
        }

        @Override
        public double[] forecastBatch(double[] histories, int count) {
          int now = concurrent.incrementAndGet();
          maxConcurrent.accumulateAndGet(now, Math::max);
          calls.incrementAndGet();
          synchronized (sizes) {
            sizes.add(count);
          }
          try {
            Thread.sleep(2);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          double[] out = new double[count * 6];
          for (int i = 0; i < count; i++) {
            double last = histories[i * 4 + 2];
            if (last < 0) {
              concurrent.decrementAndGet();
              throw new IllegalStateException("negative");
            }
            for (int k = 0; k < 3; k++) {
              out[i * 6 + k * 2] = last + k + 1;
              out[i * 6 + k * 2 + 1] = histories[i * 4 + 3] + k + 1;
            }
          }
          concurrent.decrementAndGet();
          return out;
        }
      };
    }
  }

  @Test
  void concurrentRequestsAreBatchedAndEachGetsItsOwnAnswer() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<Integer> sizes = new ArrayList<>();
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    ForecastBatcher batcher = new ForecastBatcher(
        CountingForecaster.create(calls, sizes, concurrent, maxConcurrent), 16, 2);
    int threads = 32;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      futures.add(pool.submit(() -> {
        go.await();
        int wrong = 0;
        for (int i = 0; i < perThread; i++) {
          double a = id * 1000 + i;
          double[] out = batcher.forecast(new double[] {0, 0, a, -a});
          if (out[0] != a + 1 || out[4] != a + 3 || out[1] != -a + 1) {
            wrong++;
          }
        }
        return wrong;
      }));
    }
    go.countDown();
    int wrong = 0;
    for (Future<Integer> f : futures) {
      wrong += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(wrong).isZero();
    int total = sizes.stream().mapToInt(Integer::intValue).sum();
    assertThat(total).isEqualTo(threads * perThread);
    assertThat(calls.get()).as("batched: fewer calls than requests").isLessThan(threads * perThread);
    assertThat(sizes).allSatisfy(s -> assertThat(s).isBetween(1, 16));
    assertThat(maxConcurrent.get()).isLessThanOrEqualTo(2);
  }

  @Test
  void aLoneRequestRunsAloneAndFailuresReachTheirCallers() {
    AtomicInteger calls = new AtomicInteger();
    List<Integer> sizes = new ArrayList<>();
    ForecastBatcher batcher = new ForecastBatcher(
        CountingForecaster.create(calls, sizes, new AtomicInteger(), new AtomicInteger()), 16, 2);
    assertThat(batcher.forecast(new double[] {0, 0, 5, 7})).containsExactly(6, 8, 7, 9, 8, 10);
    assertThat(sizes).containsExactly(1);
    assertThatThrownBy(() -> batcher.forecast(new double[] {0, 0, -1, 0})).hasMessage("negative");
    assertThat(batcher.forecast(new double[] {0, 0, 1, 1})).hasSize(6);
  }
}
