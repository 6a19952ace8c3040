package io.forecast.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The configured API keys, kept only as SHA-256 digests. A presented key is hashed and compared with
 * every configured digest by {@link MessageDigest#isEqual} (constant time, no early exit), so neither
 * the comparison nor the number of matching characters leaks through timing. No key ever appears in
 * {@link #toString()} or a log line: a matched key is known by its {@link Client#name()} ("write key
 * 2").
 */
public final class ApiKeys {
  /** A matched key: its position-based name and whether it may write. */
  public record Client(String name, boolean write) {}

  private record Entry(byte[] digest, Client client) {}

  private final List<Entry> entries;
  private final int readCount;
  private final int writeCount;

  private ApiKeys(List<Entry> entries, int readCount, int writeCount) {
    this.entries = List.copyOf(entries);
    this.readCount = readCount;
    this.writeCount = writeCount;
  }

  /**
   * The keys of two comma-list properties (already split by Spring); entries are trimmed and blank ones
   * dropped. A key listed under both permissions is a write key.
   */
  public static ApiKeys of(Collection<String> readKeys, Collection<String> writeKeys) {
    List<Entry> entries = new ArrayList<>();
    int writes = 0;
    for (String key : clean(writeKeys)) {
      entries.add(new Entry(sha256(key), new Client("write key " + (++writes), true)));
    }
    int reads = 0;
    for (String key : clean(readKeys)) {
      byte[] digest = sha256(key);
      if (entries.stream().noneMatch(e -> MessageDigest.isEqual(e.digest(), digest))) {
        entries.add(new Entry(digest, new Client("read key " + (++reads), false)));
      }
    }
    return new ApiKeys(entries, reads, writes);
  }

  /** No keys: the open development mode. */
  public static ApiKeys none() {
    return new ApiKeys(List.of(), 0, 0);
  }

  private static List<String> clean(Collection<String> keys) {
    List<String> out = new ArrayList<>();
    if (keys != null) {
      for (String k : keys) {
        if (k != null && !k.isBlank()) {
          out.add(k.strip());
        }
      }
    }
    return out;
  }

  /** True when no key is configured: every request is allowed (development use). */
  public boolean isOpen() {
    return entries.isEmpty();
  }

  /** Number of read-only keys. */
  public int readCount() {
    return readCount;
  }

  /** Number of write keys. */
  public int writeCount() {
    return writeCount;
  }

  /** The client a presented key belongs to, if any (constant time in the key's content). */
  public Optional<Client> match(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] digest = sha256(presented);
    Client found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.digest(), digest) && found == null) {
        found = e.client();
      }
    }
    return Optional.ofNullable(found);
  }

  /** One line for the start message: how many keys of each kind, never the keys. */
  public String describe() {
    if (isOpen()) {
      return "open: no API keys configured — development use only";
    }
    return "API keys required: " + readCount + " read, " + writeCount + " write";
  }

  @Override
  public String toString() {
    return "ApiKeys[" + readCount + " read, " + writeCount + " write]";
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
