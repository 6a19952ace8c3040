package io.forecast.forecasting.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The intra-op thread count is per thread: a training thread and a forecast thread keep their own. */
class EngineThreadsTest {

  @Test
  void eachThreadKeepsItsOwnCount() throws Exception {
    ExecutorService a = Executors.newSingleThreadExecutor();
    ExecutorService b = Executors.newSingleThreadExecutor();
    try {
      a.submit(() -> EngineThreads.useOnCurrentThread(1)).get();
      b.submit(() -> EngineThreads.useOnCurrentThread(2)).get();
      Future<Integer> countA = a.submit(EngineThreads::currentThreadCount);
      Future<Integer> countB = b.submit(EngineThreads::currentThreadCount);
      assertThat(countA.get()).isEqualTo(1);
      assertThat(countB.get()).isEqualTo(2);
      a.submit(() -> EngineThreads.useOnCurrentThread(0)).get();
      assertThat(a.submit(EngineThreads::currentThreadCount).get()).as("0 leaves the count alone").isEqualTo(1);
    } finally {
      a.shutdown();
      b.shutdown();
    }
  }
}
