package io.forecast.spark;

import io.forecast.forecasting.service.InvalidModelIdException;
import io.forecast.forecasting.service.ModelId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The model id of a series or group key: the key itself when it is a valid store id ({@link ModelId}),
 * else the key with every other character replaced by {@code _}, cut to 55 characters, followed by
 * {@code -} and 8 hex digits of the key's SHA-256 (so that two keys never share a model). Training and
 * forecasting use this one mapping; the training summary lists both.
 */
final class ModelIds {
  private ModelIds() {}

  static String of(String key) {
    try {
      return ModelId.check(key);
    } catch (InvalidModelIdException e) {
      String safe = key.replaceAll("[^A-Za-z0-9._-]", "_").replace("..", "__");
      if (safe.isEmpty() || !Character.isLetterOrDigit(safe.charAt(0))) {
        safe = "s" + safe;
      }
      if (safe.length() > 55) {
        safe = safe.substring(0, 55);
      }
      return safe + "-" + hash(key);
    }
  }

  private static String hash(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
