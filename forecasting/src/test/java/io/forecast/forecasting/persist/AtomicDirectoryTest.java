package io.forecast.forecasting.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirectoryTest {
  @TempDir Path dir;

  private long entries() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void writesCompletelyOrNotAtAll() throws IOException {
    Path target = dir.resolve("m1");
    AtomicDirectory.write(target, false, d -> Files.writeString(d.resolve("a.txt"), "one"));
    assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("one");
    assertThat(entries()).isEqualTo(1);

    // a writer that fails midway ("crash") leaves the old directory and no temporary behind
    assertThatThrownBy(() -> AtomicDirectory.write(target, true, d -> {
      Files.writeString(d.resolve("a.txt"), "two");
      throw new IOException("disk full");
    })).hasMessage("disk full");
    assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("one");
    assertThat(entries()).isEqualTo(1);
  }

  @Test
  void refusesToOverwriteUnlessAsked() throws IOException {
    Path target = dir.resolve("m2");
    AtomicDirectory.write(target, false, d -> Files.writeString(d.resolve("a.txt"), "one"));
    assertThatThrownBy(() -> AtomicDirectory.write(target, false, d -> { }))
        .isInstanceOf(FileAlreadyExistsException.class);
    AtomicDirectory.write(target, true, d -> Files.writeString(d.resolve("b.txt"), "two"));
    assertThat(target.resolve("a.txt")).doesNotExist();
    assertThat(Files.readString(target.resolve("b.txt"))).isEqualTo("two");
    assertThat(entries()).isEqualTo(1);
  }

  @Test
  void recognisesTemporaries() {
    assertThat(AtomicDirectory.isTemporary(Path.of("models", ".tmp-m1-123"))).isTrue();
    assertThat(AtomicDirectory.isTemporary(Path.of("models", "m1"))).isFalse();
  }
}
