package io.forecast.forecasting.persist;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Brings a folder back to a state the write protocol allows after a crash (see {@link
 * AtomicDirectory}'s table of crash states). Per target name: every {@code .tmp-} (never synced,
 * possibly torn) and {@code .del-} (a committed delete) sibling is deleted; a {@code .new-} sibling
 * the completeness test accepts wins and is swapped in; otherwise, if the target is missing, the
 * newest complete {@code .old-} sibling is renamed back; every remaining {@code .old-} is deleted.
 * Recovery is made of the same atomic renames as the protocol, so a crash during recovery is
 * recovered by the next one. Run it only while nothing else writes the folder or target.
 */
final class Recoverer {
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final int UUID_LENGTH = 36;

  private Recoverer() {}

  /** See {@link AtomicDirectory#recoverAll}. */
  static Recovery recoverAll(Path parent, Predicate<Path> complete) throws IOException {
    Path dir = parent.toAbsolutePath().normalize();
    Log log = new Log();
    if (!Files.isDirectory(dir)) {
      return log.toRecovery();
    }
    Map<String, List<Entry>> byName = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        Entry e = Entry.parse(p);
        if (e != null) {
          byName.computeIfAbsent(e.name, k -> new ArrayList<>()).add(e);
        } else if (p.getFileName().toString().startsWith(AtomicDirectory.TEMP_PREFIX)) {
          log.remove(p);
        }
      }
    }
    for (Map.Entry<String, List<Entry>> name : byName.entrySet()) {
      recoverName(dir.resolve(name.getKey()), name.getValue(), complete, log);
    }
    if (!log.isEmpty()) {
      DurableFiles.syncDirectory(dir);
    }
    return log.toRecovery();
  }

  /** See {@link AtomicDirectory#recover}. */
  static Recovery recover(Path target) throws IOException {
    Path abs = AtomicDirectory.absolute(target);
    Log log = new Log();
    Path parent = abs.getParent();
    if (!Files.isDirectory(parent)) {
      return log.toRecovery();
    }
    String name = abs.getFileName().toString();
    List<Entry> mine = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, ".*")) {
      for (Path p : entries) {
        Entry e = Entry.parse(p);
        if (e != null && e.name.equals(name)) {
          mine.add(e);
        }
      }
    }
    if (!mine.isEmpty()) {
      recoverName(abs, mine, AtomicDirectory.ANY, log);
      DurableFiles.syncDirectory(parent);
    }
    return log.toRecovery();
  }

  private static void recoverName(Path target, List<Entry> entries, Predicate<Path> complete, Log log)
      throws IOException {
    List<Entry> news = new ArrayList<>();
    List<Entry> olds = new ArrayList<>();
    for (Entry e : entries) {
      switch (e.prefix) {
        case AtomicDirectory.NEW_PREFIX -> {
          if (isDirectory(e.path) && complete.test(e.path)) {
            news.add(e);
          } else {
            log.remove(e.path);
          }
        }
        case AtomicDirectory.OLD_PREFIX -> olds.add(e);
        default -> log.remove(e.path);
      }
    }
    Comparator<Entry> newestFirst = Comparator.comparing((Entry e) -> modified(e.path)).reversed();
    news.sort(newestFirst);
    boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    boolean swapped = false;
    if (!news.isEmpty()) {
      Entry winner = news.get(0);
      news.subList(1, news.size()).forEach(e -> log.remove(e.path));
      if (exists) {
        Path aside = target.resolveSibling(AtomicDirectory.OLD_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
        AtomicDirectory.move(target, aside);
        DurableFiles.syncDirectory(target.getParent());
        olds.add(new Entry(aside, AtomicDirectory.OLD_PREFIX, target.getFileName().toString()));
      }
      AtomicDirectory.move(winner.path, target);
      swapped = true;
      log.completed.add(target.getFileName().toString());
    } else if (!exists) {
      olds.sort(newestFirst);
      for (Entry old : olds) {
        if (isDirectory(old.path) && complete.test(old.path)) {
          AtomicDirectory.move(old.path, target);
          swapped = true;
          olds.remove(old);
          log.restored.add(target.getFileName().toString());
          break;
        }
      }
    }
    if (swapped) {
      DurableFiles.syncDirectory(target.getParent());
    }
    olds.forEach(e -> log.remove(e.path));
    log.deletePending();
  }

  private static boolean isDirectory(Path p) {
    return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /** One protocol entry: {@code PREFIX + NAME + "-" + UUID}. */
  private record Entry(Path path, String prefix, String name) {
    static Entry parse(Path p) {
      String fileName = p.getFileName().toString();
      for (String prefix : AtomicDirectory.PREFIXES) {
        if (!fileName.startsWith(prefix)) {
          continue;
        }
        String rest = fileName.substring(prefix.length());
        int cut = rest.length() - UUID_LENGTH - 1;
        if (cut < 1 || rest.charAt(cut) != '-' || !UUID_TEXT.matcher(rest.substring(cut + 1)).matches()) {
          return null;
        }
        return new Entry(p, prefix, rest.substring(0, cut));
      }
      return null;
    }
  }

  /** What a recovery did so far, and the entries it still has to delete. */
  private static final class Log {
    final List<String> completed = new ArrayList<>();
    final List<String> restored = new ArrayList<>();
    final List<String> removed = new ArrayList<>();
    final List<Path> pending = new ArrayList<>();

    void remove(Path p) {
      pending.add(p);
    }

    void deletePending() throws IOException {
      for (Path p : pending) {
        AtomicDirectory.deleteRecursively(p);
        removed.add(p.getFileName().toString());
      }
      pending.clear();
    }

    boolean isEmpty() {
      return completed.isEmpty() && restored.isEmpty() && removed.isEmpty() && pending.isEmpty();
    }

    Recovery toRecovery() throws IOException {
      deletePending();
      return new Recovery(completed, restored, removed);
    }
  }
}
