package io.forecast.forecasting.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forecast.forecasting.persist.WriteFaults.SimulatedCrash;
import io.forecast.forecasting.persist.WriteFaults.Step;
import io.forecast.forecasting.service.ModelLease;
import io.forecast.forecasting.service.ModelStore;
import io.forecast.forecasting.service.ModelStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault injection into every step of the model write protocol (see {@link AtomicDirectory}): a
 * simulated crash (the process dies: nothing is cleaned up) or an I/O failure (the write rolls back)
 * at each step, then the store is reopened: the id serves its old or its new model, never nothing,
 * never a mix, and no protocol entry is left.
 */
class ModelWriteCrashTest {
  @TempDir Path root;

  /** Where a write is interrupted: inside the model's own writer, or after one of the protocol's steps. */
  enum CrashPoint {
    MID_CONTENT(null, 1),
    CONTENT_WRITTEN(Step.CONTENT_WRITTEN, 1),
    CONTENT_SYNCED(Step.CONTENT_SYNCED, 1),
    STAGED(Step.STAGED, 2),
    OLD_MOVED_ASIDE(Step.OLD_MOVED_ASIDE, 2),
    NEW_IN_PLACE(Step.NEW_IN_PLACE, 2),
    OLD_DELETED(Step.OLD_DELETED, 2);

    final Step step;
    /** The version the id serves after a crash here and recovery (old = 1, new = 2). */
    final int afterCrash;

    CrashPoint(Step step, int afterCrash) {
      this.step = step;
      this.afterCrash = afterCrash;
    }

    /** Whether the step is reached by a write of a new id (no old model). */
    boolean reachedWithoutOld() {
      return step != Step.OLD_MOVED_ASIDE && step != Step.OLD_DELETED;
    }
  }

  @AfterEach
  void removeHook() {
    WriteFaults.hook = WriteFaults.NO_HOOK;
  }

  private ModelStore open() {
    return new ModelStore(root, VersionedModel::load);
  }

  /** Makes the protocol fail at {@code point} for writes into this test's folder. */
  private void failAt(CrashPoint point, boolean crash) {
    WriteFaults.hook = (step, target) -> {
      if (step == point.step && target.startsWith(root)) {
        if (crash) {
          throw new SimulatedCrash("killed after " + step);
        }
        throw new IOException("injected failure after " + step);
      }
    };
  }

  /** A model whose writer dies half way (after weights.bin, before model.json). */
  private static VersionedModel dyingWriter(int version, boolean crash) {
    return new VersionedModel(version) {
      @Override
      public void save(Path directory) throws IOException {
        Files.writeString(directory.resolve(ModelFiles.WEIGHTS), "v" + version);
        if (crash) {
          throw new SimulatedCrash("killed while writing");
        }
        throw new IOException("disk full");
      }
    };
  }

  private void write(ModelStore store, CrashPoint point, boolean crash, boolean overwrite) {
    if (point == CrashPoint.MID_CONTENT) {
      store.save("m", dyingWriter(2, crash), overwrite);
    } else {
      failAt(point, crash);
      store.save("m", new VersionedModel(2), overwrite);
    }
  }

  private static int served(ModelStore store, String id) {
    try (ModelLease lease = store.acquire(id)) {
      return ((VersionedModel) lease.forecaster()).version;
    }
  }

  private List<String> protocolEntries() throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(AtomicDirectory::isTemporary).map(p -> p.getFileName().toString()).toList();
    }
  }

  @ParameterizedTest
  @EnumSource(CrashPoint.class)
  void aCrashDuringAnOverwriteLeavesTheOldOrTheNewModel(CrashPoint point) throws IOException {
    open().save("m", new VersionedModel(1), false);
    ModelStore store = open();
    assertThat(served(store, "m")).isEqualTo(1);

    assertThatThrownBy(() -> write(store, point, true, true)).isInstanceOf(SimulatedCrash.class);
    WriteFaults.hook = WriteFaults.NO_HOOK;
    if (point != CrashPoint.OLD_DELETED && point != CrashPoint.NEW_IN_PLACE) {
      assertThat(protocolEntries()).as("the crash left the protocol's entries behind").isNotEmpty();
    }

    ModelStore reopened = open();
    assertThat(served(reopened, "m")).as("after a crash at " + point).isEqualTo(point.afterCrash);
    assertThat(reopened.list()).hasSize(1);
    assertThat(protocolEntries()).as("no leftovers after recovery").isEmpty();
    Recovery r = reopened.recovery();
    if (point.afterCrash == 2 && point.step != Step.NEW_IN_PLACE && point.step != Step.OLD_DELETED) {
      assertThat(r.completed()).containsExactly("m");
    } else {
      assertThat(r.completed()).isEmpty();
    }
    assertThat(r.restored()).isEmpty();
    // the store works on: the next overwrite succeeds
    reopened.save("m", new VersionedModel(3), true);
    assertThat(served(reopened, "m")).isEqualTo(3);
    assertThat(open().recovery().isEmpty()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(CrashPoint.class)
  void aCrashDuringAFirstWriteLeavesNothingOrTheNewModel(CrashPoint point) throws IOException {
    if (!point.reachedWithoutOld()) {
      return;
    }
    ModelStore store = open();
    assertThatThrownBy(() -> write(store, point, true, false)).isInstanceOf(SimulatedCrash.class);
    WriteFaults.hook = WriteFaults.NO_HOOK;

    ModelStore reopened = open();
    if (point.afterCrash == 2) {
      assertThat(served(reopened, "m")).isEqualTo(2);
    } else {
      assertThat(reopened.contains("m")).as("a write that never committed").isFalse();
    }
    assertThat(protocolEntries()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(CrashPoint.class)
  void aFailedOverwriteRollsBackInProcess(CrashPoint point) throws IOException {
    ModelStore store = open();
    store.save("m", new VersionedModel(1), false);
    assertThat(served(store, "m")).isEqualTo(1);

    boolean inPlace = point == CrashPoint.NEW_IN_PLACE || point == CrashPoint.OLD_DELETED;
    assertThatThrownBy(() -> write(store, point, false, true)).isInstanceOf(ModelStoreException.class)
        .hasMessageStartingWith("cannot save model 'm': ");
    WriteFaults.hook = WriteFaults.NO_HOOK;
    // an I/O failure before the new copy is in place rolls back to the old one; after, the new stays
    int expected = inPlace ? 2 : 1;
    assertThat(served(store, "m")).as("same process, after a failure at " + point).isEqualTo(expected);
    assertThat(protocolEntries()).as("the failed write cleaned up after itself").isEmpty();
    ModelStore reopened = open();
    assertThat(served(reopened, "m")).isEqualTo(expected);
    assertThat(reopened.recovery().isEmpty()).isTrue();
  }

  @Test
  void aCrashDuringADeleteLeavesNoModelAndNoTrash() throws IOException {
    ModelStore store = open();
    store.save("m", new VersionedModel(1), false);
    store.save("keep", new VersionedModel(7), false);
    WriteFaults.hook = (step, target) -> {
      if (step == Step.TRASHED && target.startsWith(root)) {
        throw new SimulatedCrash("killed after " + step);
      }
    };
    assertThatThrownBy(() -> store.delete("m")).isInstanceOf(SimulatedCrash.class);
    WriteFaults.hook = WriteFaults.NO_HOOK;
    assertThat(protocolEntries()).singleElement().asString().startsWith(AtomicDirectory.DELETED_PREFIX + "m-");

    ModelStore reopened = open();
    assertThat(reopened.contains("m")).isFalse();
    assertThat(served(reopened, "keep")).isEqualTo(7);
    assertThat(protocolEntries()).isEmpty();
  }

  @Test
  void recoveryHandlesEveryLeftoverState() throws IOException {
    ModelStore store = open();
    for (String id : new String[] {"a", "b", "c", "d", "e"}) {
      store.save(id, new VersionedModel(1), false);
    }
    String u = "-" + UUID.randomUUID();
    // a: the old copy is half deleted (model.json gone) after the new one went in place
    stage("a", AtomicDirectory.OLD_PREFIX + "a" + u, 0);
    Files.delete(root.resolve(AtomicDirectory.OLD_PREFIX + "a" + u).resolve(ModelFiles.MODEL));
    // b: a staged copy without model.json (not complete): the old model stays
    stage("b", AtomicDirectory.NEW_PREFIX + "b" + u, 2);
    Files.delete(root.resolve(AtomicDirectory.NEW_PREFIX + "b" + u).resolve(ModelFiles.MODEL));
    // c: mid-recovery of a swap: old aside, new staged, c missing
    Files.move(root.resolve("c"), root.resolve(AtomicDirectory.OLD_PREFIX + "c" + u));
    stage("c", AtomicDirectory.NEW_PREFIX + "c" + u, 2);
    // d: only an old copy (a swap whose new copy vanished): it is put back
    Files.move(root.resolve("d"), root.resolve(AtomicDirectory.OLD_PREFIX + "d" + u));
    // e: leftovers of the previous version of the code (.tmp-NAME-old-UUID) and a stray temporary
    stage("e", ".tmp-e-old" + u, 0);
    Files.createDirectories(root.resolve(".tmp-killed-1234"));
    // an unrelated hidden folder (the job records) is not touched
    Files.createDirectories(root.resolve(".jobs"));

    ModelStore reopened = open();
    assertThat(served(reopened, "a")).isEqualTo(1);
    assertThat(served(reopened, "b")).isEqualTo(1);
    assertThat(served(reopened, "c")).isEqualTo(2);
    assertThat(served(reopened, "d")).isEqualTo(1);
    assertThat(served(reopened, "e")).isEqualTo(1);
    assertThat(reopened.recovery().completed()).containsExactly("c");
    assertThat(reopened.recovery().restored()).containsExactly("d");
    assertThat(reopened.recovery().removed()).hasSize(5);
    assertThat(protocolEntries()).isEmpty();
    assertThat(root.resolve(".jobs")).isDirectory();
  }

  /** Writes a complete model directory of {@code version} (0: a copy of the id's model) under a raw name. */
  private void stage(String id, String name, int version) throws IOException {
    Path dir = Files.createDirectories(root.resolve(name));
    new VersionedModel(version == 0 ? VersionedModel.load(root.resolve(id)).version : version).save(dir);
  }

  @Test
  void theCliWriteRecoversItsOwnTargetBeforeWriting() throws IOException {
    Path out = root.resolve("out");
    AtomicDirectory.write(out, false, new VersionedModel(1)::save);
    failAt(CrashPoint.OLD_MOVED_ASIDE, true);
    assertThatThrownBy(() -> AtomicDirectory.write(out, true, new VersionedModel(2)::save))
        .isInstanceOf(SimulatedCrash.class);
    WriteFaults.hook = WriteFaults.NO_HOOK;
    assertThat(out).doesNotExist();

    // train --out without --overwrite: the interrupted swap is completed, so the target now exists
    assertThatThrownBy(() -> AtomicDirectory.write(out, false, new VersionedModel(3)::save))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    assertThat(VersionedModel.load(out).version).isEqualTo(2);
    assertThat(protocolEntries()).isEmpty();
    AtomicDirectory.write(out, true, new VersionedModel(3)::save);
    assertThat(VersionedModel.load(out).version).isEqualTo(3);
    assertThat(protocolEntries()).isEmpty();
  }
}
