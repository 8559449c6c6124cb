package io.typeline.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Cache keys by lineage: a stage's key is a digest of what it is (its identity, code fingerprint
 * and {@code @Stage(version)}), its param values and the <em>keys</em> of its inputs, never their
 * values, so deciding a hit hashes no large value and a whole plan's keys are known before anything
 * runs. Format {@code typeline-key-1}; changing what goes in changes the prefix, so old entries
 * are never misread.
 */
final class CacheKey {
  private CacheKey() {}

  /**
   * @param stage the stage's identity: owner class, method name and JVM descriptor
   * @param code its {@link CodeFingerprint}
   * @param version its {@code @Stage(version)}, empty by default
   * @param params each param's name and the digest of its value, in parameter order
   * @param inputs the keys of the stages it takes, in parameter order
   */
  static String of(String stage, String code, String version, Map<String, String> params, List<String> inputs) {
    MessageDigest digest = Store.sha256();
    field(digest, "typeline-key-1");
    field(digest, stage);
    field(digest, code);
    field(digest, version);
    field(digest, String.valueOf(params.size()));
    params.forEach((name, value) -> {
      field(digest, name);
      field(digest, value);
    });
    field(digest, String.valueOf(inputs.size()));
    inputs.forEach(input -> field(digest, input));
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Length-prefixed, so that ("ab", "c") and ("a", "bc") differ. */
  private static void field(MessageDigest digest, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
        (byte) (bytes.length >>> 8), (byte) bytes.length});
    digest.update(bytes);
  }

  /**
   * The digest of a {@code Path} param: its file's content, or for a directory a tree hash of the
   * relative names and contents of everything under it (sorted, so listing order does not
   * matter). Timestamps and permissions do not count; a missing path is a value too.
   */
  static String ofPath(Path path) {
    MessageDigest digest = Store.sha256();
    try {
      if (Files.isDirectory(path)) {
        field(digest, "tree");
        try (Stream<Path> files = Files.walk(path)) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            field(digest, path.relativize(file).toString().replace('\\', '/'));
            field(digest, ofFile(file));
          }
        }
      } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.exists(path)) {
        field(digest, "file");
        field(digest, ofFile(path));
      } else {
        field(digest, "missing");
        field(digest, path.toAbsolutePath().normalize().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot hash " + path + " for the cache key: " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String ofFile(Path file) throws IOException {
    MessageDigest digest = Store.sha256();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
