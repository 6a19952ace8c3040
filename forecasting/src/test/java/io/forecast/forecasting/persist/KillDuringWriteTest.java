package io.forecast.forecasting.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.forecast.forecasting.service.ModelLease;
import io.forecast.forecasting.service.ModelStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: a child JVM overwrites a model in a loop ({@code train --overwrite} over and over)
 * and is killed with SIGKILL at a random instant; the store opened afterwards serves the last
 * version the child reported committed, or the one it was writing, never nothing.
 */
class KillDuringWriteTest {
  @TempDir Path root;

  /** The child: overwrites {@code ARG/m} with versions 1, 2, 3, ... printing each committed version. */
  public static final class Writer {
    public static void main(String[] args) throws IOException {
      Path target = Path.of(args[0]).resolve("m");
      PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
      for (int v = 1; ; v++) {
        AtomicDirectory.write(target, true, new VersionedModel(v)::save);
        out.println(v);
        out.flush();
      }
    }
  }

  @Test
  void aKilledWriterNeverLosesTheModel() throws Exception {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Random random = new Random(42);
    for (int round = 0; round < 3; round++) {
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Xshare:auto",
          Writer.class.getName(), root.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      List<Integer> committed = new CopyOnWriteArrayList<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            committed.add(Integer.parseInt(line.trim()));
          }
        } catch (IOException | NumberFormatException ignored) {
          // the child died mid-line
        }
      });
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (committed.size() < 2 && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(committed).as("the child writes (is the class path usable?)").isNotEmpty();
      Thread.sleep(random.nextInt(40));
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
      reader.join(5000);
      int last = committed.get(committed.size() - 1);

      ModelStore store = new ModelStore(root, VersionedModel::load);
      try (ModelLease lease = store.acquire("m")) {
        int served = ((VersionedModel) lease.forecaster()).version;
        assertThat(served).as("round " + round + ": last committed " + last).isBetween(last, last + 1);
      }
      try (Stream<Path> s = Files.list(root)) {
        assertThat(s.filter(AtomicDirectory::isTemporary)).isEmpty();
      }
      // the next round starts from version 1 again: a fresh folder
      AtomicDirectory.deleteRecursively(root.resolve("m"));
    }
  }
}
