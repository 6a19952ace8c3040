package io.forecast.forecasting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.persist.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  @TempDir Path root;

  private ModelStore store() {
    return new ModelStore(root, StubForecaster::load);
  }

  private static StubForecaster model() {
    return new StubForecaster(StubForecaster.card(4, 2, "a", "b"));
  }

  @Test
  void savedModelsAreListedDescribedAndSurviveARestart() {
    ModelStore store = store();
    store.save("m1", model(), false);
    store.save("m0", model(), false);
    assertThat(store.list()).extracting(ModelSummary::id).containsExactly("m0", "m1");
    ModelDescription d = store.describe("m1");
    assertThat(d.card().seqLen()).isEqualTo(4);
    assertThat(d.card().columns()).containsExactly("a", "b");
    assertThat(d.settings()).containsEntry("dModel", 16);

    ModelStore restarted = store();
    assertThat(restarted.list()).extracting(ModelSummary::id).containsExactly("m0", "m1");
    try (ModelLease lease = restarted.acquire("m1")) {
      assertThat(lease.forecaster().card().predLen()).isEqualTo(2);
    }
  }

  @Test
  void aCrashMidWriteLeavesOnlyCompleteModelsListed() throws IOException {
    ModelStore store = store();
    store.save("good", model(), false);
    // a write whose content fails half way (the process "crashes" inside the writer)
    assertThatThrownBy(() -> AtomicDirectory.write(root.resolve("crashed"), false, dir -> {
      Files.writeString(dir.resolve(ModelFiles.WEIGHTS), "half");
      throw new IOException("disk full");
    })).isInstanceOf(IOException.class).hasMessage("disk full");
    // what a killed process leaves behind: a temporary directory, even one holding a model.json
    Path leftover = Files.createDirectories(root.resolve(".tmp-killed-1234"));
    model().save(leftover);
    // a directory that never got its model.json, and one with a corrupt model.json
    Files.createDirectories(root.resolve("incomplete"));
    Files.writeString(root.resolve("incomplete").resolve(ModelFiles.WEIGHTS), "x");
    Files.createDirectories(root.resolve("corrupt"));
    Files.writeString(root.resolve("corrupt").resolve(ModelFiles.MODEL), "{ not json");
    Files.writeString(root.resolve("stray-file.txt"), "x");

    assertThat(store.list()).extracting(ModelSummary::id).containsExactly("good");
    assertThat(new ModelStore(root, StubForecaster::load).list()).extracting(ModelSummary::id).containsExactly("good");
    assertThat(root.resolve("crashed")).doesNotExist();
    assertThat(store.contains("incomplete")).isFalse();
    assertThatThrownBy(() -> store.acquire("incomplete")).isInstanceOf(ModelNotFoundException.class)
        .hasMessage("no model 'incomplete' in the store");
    assertThatThrownBy(() -> store.describe("crashed")).isInstanceOf(ModelNotFoundException.class);
  }

  @Test
  void idsThatCouldEscapeTheStoreAreRejected() {
    ModelStore store = store();
    for (String bad : new String[] {"../x", "/abs", "a/b", "a\\b", "", "..", ".hidden", ".tmp-x", "a..b", "x".repeat(65),
        "-lead", "sp ace"}) {
      assertThatThrownBy(() -> store.describe(bad)).as(bad).isInstanceOf(InvalidModelIdException.class);
      assertThatThrownBy(() -> store.acquire(bad)).as(bad).isInstanceOf(InvalidModelIdException.class);
      assertThatThrownBy(() -> store.save(bad, model(), true)).as(bad).isInstanceOf(InvalidModelIdException.class);
      assertThatThrownBy(() -> store.delete(bad)).as(bad).isInstanceOf(InvalidModelIdException.class);
    }
    assertThatThrownBy(() -> store.describe(null)).isInstanceOf(InvalidModelIdException.class)
        .hasMessageContaining("empty");
    assertThat(ModelId.check("ETTh1_96-96.v2")).isEqualTo("ETTh1_96-96.v2");
    assertThat(root.getParent().resolve("x")).doesNotExist();
  }

  @Test
  void anExistingIdIsNotOverwrittenUnlessAsked() {
    ModelStore store = store();
    store.save("m", model(), false);
    assertThatThrownBy(() -> store.save("m", model(), false)).isInstanceOf(ModelAlreadyExistsException.class)
        .hasMessageContaining("'m' already exists");
    store.save("m", new StubForecaster(StubForecaster.card(8, 3, "a", "b")), true);
    assertThat(store.describe("m").card().seqLen()).isEqualTo(8);
  }

  @Test
  void concurrentFirstUsesLoadOnce() throws Exception {
    ModelStore store = store();
    store.save("m", model(), false);
    int before = StubForecaster.LOADS.get();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Object>> futures = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      futures.add(pool.submit(() -> {
        go.await();
        try (ModelLease lease = store.acquire("m")) {
          return lease.forecaster();
        }
      }));
    }
    go.countDown();
    Object first = futures.get(0).get();
    for (Future<Object> f : futures) {
      assertThat(f.get()).isSameAs(first);
    }
    pool.shutdown();
    assertThat(StubForecaster.LOADS.get() - before).isEqualTo(1);
    assertThat(store.loadedCount()).isEqualTo(1);
  }

  @Test
  void aDeletedModelIsClosedOnlyAfterItsLastLease() {
    ModelStore store = store();
    store.save("m", model(), false);
    ModelLease lease = store.acquire("m");
    StubForecaster f = (StubForecaster) lease.forecaster();
    store.delete("m");
    assertThat(store.list()).isEmpty();
    assertThat(f.closed).as("still leased").isFalse();
    assertThat(f.forecast(new double[8], 4)).hasSize(4);
    assertThatThrownBy(() -> store.acquire("m")).isInstanceOf(ModelNotFoundException.class);
    lease.close();
    lease.close();
    assertThat(f.closed).isTrue();
    assertThatThrownBy(() -> store.delete("m")).isInstanceOf(ModelNotFoundException.class);
    try (var entries = java.nio.file.Files.list(root)) {
      assertThat(entries).as("no trash left").isEmpty();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
