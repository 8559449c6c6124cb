package io.typeline.runtime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The cache: a directory of entries, each the encoded value of one stage run, named by its key
 * (a hex digest of the stage's lineage, see {@code CacheKeys}).
 *
 * <p><b>Where</b>: {@link #defaultLocation()} is {@code .typeline/cache} under the working
 * directory, or {@code $TYPELINE_HOME/cache} when the environment variable {@code TYPELINE_HOME}
 * is set; run options can name another directory.
 *
 * <p><b>Entry format</b> (version 1, documented in {@code docs/CACHE.md}): the magic line
 * {@code typeline-entry-1\n}; the key and the codec's name as length-prefixed UTF-8; the payload
 * the codec wrote; the payload's length (8 bytes); and a SHA-256 of everything before it (32
 * bytes). A read checks magic, key, codec, length and digest <em>before</em> the codec sees a
 * byte, so a codec never decodes a corrupt or foreign payload.
 *
 * <p><b>Writes are atomic</b>: an entry is written to a temporary file in the store, forced to
 * disk (fsync), then renamed over its name; readers see the old entry, the new one or none, never part
 * of one. Processes sharing a store need no lock: two writers of one key write the same value
 * (keys are content addresses), and the last rename wins. A process killed while writing leaves
 * only a temporary file, removed by a later {@link #open} once it is an hour old.
 *
 * <p><b>A bad entry is never fatal and never a value</b>: a truncated, corrupt or foreign entry
 * is reported to the warning sink, deleted and treated as missing, so the stage runs again.
 */
public final class Store {
  static final String MAGIC = "typeline-entry-1\n";
  private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
  private static final int TRAILER = 8 + 32;
  private static final Duration STALE_TEMP = Duration.ofHours(1);

  private final Path root;
  private final Path entries;
  private final Path temp;
  private final Consumer<String> warnings;

  private Store(Path root, Consumer<String> warnings) {
    this.root = root;
    this.entries = root.resolve("entries");
    this.temp = root.resolve("tmp");
    this.warnings = warnings;
  }

  /** The store at {@link #defaultLocation()}, warning on standard error. */
  public static Store openDefault() {
    return open(defaultLocation());
  }

  /** {@code $TYPELINE_HOME/cache}, or {@code .typeline/cache} under the working directory. */
  public static Path defaultLocation() {
    String home = System.getenv("TYPELINE_HOME");
    Path base = home == null || home.isBlank() ? Path.of(".typeline") : Path.of(home);
    return base.resolve("cache").toAbsolutePath();
  }

  /** The store in {@code directory} (created when missing), warning on standard error. */
  public static Store open(Path directory) {
    return open(directory, message -> System.err.println("typeline: warning: " + message));
  }

  /** The store in {@code directory} (created when missing); problems go to {@code warnings}. */
  public static Store open(Path directory, Consumer<String> warnings) {
    Store store = new Store(directory.toAbsolutePath().normalize(), Objects.requireNonNull(warnings));
    try {
      Files.createDirectories(store.entries);
      Files.createDirectories(store.temp);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the Typeline cache in " + store.root
          + ": " + e.getMessage() + "; make it writable, or choose another directory in the run"
          + " options or with TYPELINE_HOME", e);
    }
    store.removeStaleTemporaryFiles();
    return store;
  }

  /** The store's directory. */
  public Path root() {
    return root;
  }

  /** Where entry {@code key} lives: entries/ab/abcdef... */
  Path pathOf(String key) {
    requireKey(key);
    return entries.resolve(key.substring(0, 2)).resolve(key);
  }

  /** Whether an entry exists for {@code key}; it may still turn out bad when read. */
  public boolean contains(String key) {
    return Files.isRegularFile(pathOf(key));
  }

  /**
   * Writes {@code value} under {@code key} with {@code codec}, atomically. A failure to write is
   * reported as a warning, not thrown: the run has its value, only the next run loses the hit.
   *
   * @return whether the entry was written
   */
  public <T> boolean write(String key, Codec<T> codec, T value) {
    return write(key, codec, value, true);
  }

  /**
   * {@link #write(String, Codec, Object)}, forcing the file to disk first only when {@code durable}:
   * for hints whose loss costs nothing but a message. The rename itself is not forced (a directory
   * fsync): after a power failure an entry may be gone, which is a miss, or torn, which its
   * checksum shows; never a wrong value.
   */
  <T> boolean write(String key, Codec<T> codec, T value, boolean durable) {
    Path target = pathOf(key);
    Path file = temp.resolve(key + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        MessageDigest digest = sha256();
        CountingOutputStream payload;
        DataOutputStream out = new DataOutputStream(new DigestOutputStream(
            new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16), digest));
        out.write(MAGIC_BYTES);
        out.writeUTF(key);
        out.writeUTF(codec.name());
        out.flush();
        payload = new CountingOutputStream(out);
        codec.write(value, new UnclosableOutputStream(payload));
        payload.flush();
        out.writeLong(payload.count);
        out.flush();
        byte[] sum = digest.digest();
        out.write(sum); // after digest(): the digest stream must not see its own bytes
        out.flush();
        if (durable) {
          channel.force(true);
        }
      }
      Files.createDirectories(target.getParent());
      moveAtomically(file, target);
      return true;
    } catch (IOException | RuntimeException e) {
      warnings.accept("could not write cache entry " + key + " (" + codec.name() + "): " + e
          + "; the value is used, only a later run will compute it again");
      deleteQuietly(file);
      return false;
    }
  }

  /**
   * The value under {@code key}, decoded by {@code codec}; empty when there is none or it is bad
   * (then it is reported, deleted, and the caller computes the value again).
   */
  public <T> Optional<T> read(String key, Codec<T> codec) {
    Path path = pathOf(key);
    // One open file for checking and decoding: another process may rename a new entry over the
    // name meanwhile, and this file must stay the one that was checked.
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      long headerLength = MAGIC_BYTES.length + utfLength(key) + utfLength(codec.name());
      String problem = check(unclosable(channel), size, headerLength, key, codec.name());
      if (problem != null) {
        return bad(path, key, problem);
      }
      channel.position(headerLength);
      BoundedInputStream payload = new BoundedInputStream(
          new BufferedInputStream(unclosable(channel), 1 << 16), size - headerLength - TRAILER);
      // A stored file or directory is rebuilt beside the entries, in files/.
      @SuppressWarnings("unchecked")
      T value = codec instanceof PathCodec paths
          ? (T) paths.read(payload, root.resolve("files")) : codec.read(payload);
      if (payload.remaining != 0) {
        return bad(path, key, "its codec " + codec.name() + " left " + payload.remaining
            + " bytes of the payload unread: written by another version of the codec?");
      }
      return Optional.ofNullable(value);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return bad(path, key, "could not be decoded by codec " + codec.name() + ": " + e);
    }
  }

  /** A stream over the channel from its position, whose close leaves the channel open. */
  private static InputStream unclosable(FileChannel channel) {
    return new FilterInputStream(java.nio.channels.Channels.newInputStream(channel)) {
      @Override
      public void close() {
        // the caller closes the channel
      }
    };
  }

  /**
   * Checks an entry without decoding it: magic, key, codec, length and digest. Returns what is
   * wrong, or {@code null}.
   */
  private String check(InputStream file, long size, long headerLength, String key, String codec)
      throws IOException {
    MessageDigest digest = sha256();
    try (DataInputStream in = new DataInputStream(new DigestInputStream(
        new BufferedInputStream(file, 1 << 16), digest))) {
      byte[] magic = in.readNBytes(MAGIC_BYTES.length);
      if (!Arrays.equals(magic, Arrays.copyOf(MAGIC_BYTES, magic.length))) {
        return "is not a Typeline cache entry (bad magic)";
      }
      if (size < headerLength + TRAILER) {
        return "is truncated (" + size + " bytes)";
      }
      String storedKey = in.readUTF();
      if (!storedKey.equals(key)) {
        return "holds the entry of another key (" + storedKey + ")";
      }
      String storedCodec = in.readUTF();
      if (!storedCodec.equals(codec)) {
        return "was written by codec " + storedCodec + ", not " + codec
            + " (the stage's output type changed)";
      }
      long payloadLength = size - headerLength - TRAILER;
      byte[] buffer = new byte[1 << 16];
      for (long left = payloadLength; left > 0; ) { // read, not skip: skipped bytes are not digested
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new EOFException();
        }
        left -= n;
      }
      long storedLength = in.readLong();
      if (storedLength != payloadLength) {
        return "is truncated or padded (payload " + payloadLength + " bytes, recorded " + storedLength + ")";
      }
      byte[] expected = digest.digest();
      byte[] stored = new byte[32];
      in.readFully(stored);
      if (!MessageDigest.isEqual(expected, stored)) {
        return "fails its checksum (corrupt)";
      }
      return null;
    } catch (EOFException e) {
      return "is truncated";
    }
  }

  private <T> Optional<T> bad(Path path, String key, String problem) {
    warnings.accept("cache entry " + key + " " + problem + "; deleted it, the stage runs again");
    deleteQuietly(path);
    return Optional.empty();
  }

  /**
   * Deletes every entry, and the copies of stored files. Runs sharing the store meanwhile lose
   * their hits, nothing else (a run still using a copied file may find it gone).
   */
  public void clear() {
    for (Path directory : List.of(entries, root.resolve("files"))) {
      if (!Files.isDirectory(directory)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(java.util.Comparator.reverseOrder())
            .filter(file -> !file.equals(entries))
            .forEach(Store::deleteQuietly);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot clear the Typeline cache in " + root + ": " + e.getMessage(), e);
      }
    }
  }

  /** Deletes the entry of {@code key}, if any. */
  public void delete(String key) {
    deleteQuietly(pathOf(key));
  }

  private void removeStaleTemporaryFiles() {
    Instant before = Instant.now().minus(STALE_TEMP);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(temp, "*.tmp")) {
      for (Path file : files) {
        try {
          FileTime modified = Files.getLastModifiedTime(file);
          if (modified.toInstant().isBefore(before)) {
            deleteQuietly(file); // left by a process killed while writing
          }
        } catch (IOException ignored) {
          // gone meanwhile
        }
      }
    } catch (IOException ignored) {
      // nothing to clean
    }
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + to.getParent()
          + " cannot rename atomically; put the cache on a local disk", e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // a later read finds it bad again
    }
  }

  static void requireKey(String key) {
    if (key.length() < 16 || !key.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
      throw new IllegalArgumentException("not a cache key (lowercase hex, 16+ digits): " + key);
    }
  }

  private static long utfLength(String s) {
    long length = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      length += c >= 0x0001 && c <= 0x007F ? 1 : c > 0x07FF ? 3 : 2;
    }
    return length;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform has SHA-256", e);
    }
  }

  private static final class CountingOutputStream extends OutputStream {
    private final OutputStream out;
    long count;

    CountingOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }

  /** A codec closing its stream must not close the entry under it. */
  private static final class UnclosableOutputStream extends OutputStream {
    private final OutputStream out;

    UnclosableOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /** The payload alone: a codec cannot read into the trailer. */
  private static final class BoundedInputStream extends FilterInputStream {
    long remaining;

    BoundedInputStream(InputStream in, long length) {
      super(in);
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, remaining));
      remaining -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(super.available(), remaining);
    }

    @Override
    public void close() {
      // the store closes the file
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
