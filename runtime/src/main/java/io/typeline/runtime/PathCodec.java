package io.typeline.runtime;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Stores a {@code Path} a stage returns by copying the file, or the directory with everything
 * under it, into the cache entry; reading it back gives a path to a copy under the store's
 * {@code files/} directory, named by the content's digest and then by the original file name. The
 * copy is made once per content: runs reading the same entry share it, and must not change it.
 */
final class PathCodec implements Codec<Path> {
  static final PathCodec INSTANCE = new PathCodec();
  private static final int FILE = 1;
  private static final int DIRECTORY = 2;

  private PathCodec() {}

  @Override
  public String name() {
    return "path-1";
  }

  @Override
  public void write(Path path, OutputStream stream) throws IOException {
    DataOutputStream out = new DataOutputStream(stream);
    Path name = path.toAbsolutePath().normalize().getFileName();
    out.writeUTF(name == null ? "root" : name.toString());
    if (Files.isDirectory(path)) {
      out.writeByte(DIRECTORY);
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      out.writeInt(files.size());
      for (Path file : files) {
        out.writeUTF(path.relativize(file).toString().replace('\\', '/'));
        copy(file, out);
      }
    } else if (Files.isRegularFile(path)) {
      out.writeByte(FILE);
      copy(path, out);
    } else {
      throw new IOException("the stage returned " + path + ", which is neither a file nor a directory");
    }
    out.flush();
  }

  private static void copy(Path file, DataOutputStream out) throws IOException {
    out.writeLong(Files.size(file));
    Files.copy(file, out);
  }

  /** Without a store, copies go to a directory under {@code java.io.tmpdir}. */
  @Override
  public Path read(InputStream in) throws IOException {
    return read(in, Path.of(System.getProperty("java.io.tmpdir"), "typeline-files"));
  }

  /** Rebuilds the file or directory under {@code files}, once per content. */
  Path read(InputStream stream, Path files) throws IOException {
    Files.createDirectories(files);
    Path staging = files.resolve("tmp-" + UUID.randomUUID());
    MessageDigest digest = Store.sha256();
    DataInputStream in = new DataInputStream(new DigestInputStream(stream, digest));
    try {
      String name = in.readUTF();
      if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..")) {
        throw new IOException("bad file name in a path entry: " + name);
      }
      Path target = staging.resolve(name);
      int kind = in.readByte();
      if (kind == FILE) {
        Files.createDirectories(staging);
        paste(in, target);
      } else if (kind == DIRECTORY) {
        Files.createDirectories(target);
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
          Path file = target.resolve(in.readUTF()).normalize();
          if (!file.startsWith(target)) { // a crafted entry must not write outside its copy
            throw new IOException("a path entry names a file outside its directory: " + file);
          }
          Files.createDirectories(file.getParent());
          paste(in, file);
        }
      } else {
        throw new IOException("unknown path entry kind " + kind);
      }
      Path home = files.resolve(HexFormat.of().formatHex(digest.digest()));
      if (Files.isDirectory(home)) {
        delete(staging); // copied before, by this or another run: same content, same name
        return home.resolve(name);
      }
      try {
        Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isDirectory(home)) { // not another process having renamed the same copy first
          throw e instanceof AtomicMoveNotSupportedException
              ? new IOException("cannot rename within " + files + " atomically", e) : e;
        }
        delete(staging);
      }
      return home.resolve(name);
    } catch (IOException | RuntimeException e) {
      delete(staging);
      throw e;
    }
  }

  private static void paste(DataInputStream in, Path file) throws IOException {
    long size = in.readLong();
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (long left = size; left > 0; ) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("path entry ends early");
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }
  }

  private static void delete(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException ignored) {
          // left for the next cleanup
        }
      });
    } catch (IOException ignored) {
      // nothing to delete
    }
  }
}
