package io.typeline.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Captures what stages print. {@code System.out} and {@code System.err} are replaced, once, by
 * streams that pass everything on to the originals and, on a thread that is running a stage,
 * also append it to that stage's files in the run folder ({@code <stage>.stdout.txt},
 * {@code <stage>.stderr.txt}). Output from other threads (the stage's own executors, say) is not
 * captured: it cannot be told apart.
 */
final class StageOutput {
  private static final ThreadLocal<Path[]> CURRENT = new ThreadLocal<>();
  private static volatile boolean installed;

  private StageOutput() {}

  /** Replaces System.out and System.err with capturing ones, the first time. */
  static synchronized void install() {
    if (!installed) {
      System.setOut(capturing(System.out, 0));
      System.setErr(capturing(System.err, 1));
      installed = true;
    }
  }

  /** Captures this thread's output into {@code folder}/{@code stage}.*.txt until {@link #end()}. */
  static void begin(Path folder, String stage) {
    CURRENT.set(new Path[] {folder.resolve(stage + ".stdout.txt"), folder.resolve(stage + ".stderr.txt")});
  }

  static void end() {
    CURRENT.remove();
  }

  private static PrintStream capturing(PrintStream original, int which) {
    OutputStream tee = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        original.write(bytes, offset, length);
        Path[] files = CURRENT.get();
        if (files != null) {
          try {
            Files.createDirectories(files[which].getParent());
            try (OutputStream out = Files.newOutputStream(files[which], StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
              out.write(bytes, offset, length);
            }
          } catch (IOException e) {
            CURRENT.remove(); // the folder is gone or full: stop capturing, keep printing
          }
        }
      }

      @Override
      public void flush() {
        original.flush();
      }
    };
    // What the original encodes with (stdout.encoding is set from JDK 18 on).
    String encoding = System.getProperty(which == 0 ? "stdout.encoding" : "stderr.encoding");
    Charset charset = encoding != null && Charset.isSupported(encoding) ? Charset.forName(encoding)
        : Charset.defaultCharset();
    return new PrintStream(tee, true, charset);
  }
}
