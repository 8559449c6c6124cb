package io.typeline.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A separate JVM using a store, for the crash and sharing tests. Values are checkable by anyone:
 * entry {@code key(i)} holds {@code value(i, n)} for some length n.
 *
 * <ul>
 *   <li>{@code write <store> <seed>}: writes large entries forever (until killed);
 *   <li>{@code share <store> <seed> <ops>}: reads and writes shared keys; prints {@code ok} and
 *       exits 0 only if every value read was right and no entry was reported bad.
 * </ul>
 */
public final class StoreChild {
  static final int KEYS = 24;

  public static void main(String[] args) {
    Path root = Path.of(args[1]);
    Random random = new Random(Long.parseLong(args[2]));
    List<String> warnings = new ArrayList<>();
    Store store = Store.open(root, warnings::add);
    if (args[0].equals("write")) {
      System.out.println("writing");
      System.out.flush();
      while (true) {
        int i = random.nextInt(KEYS);
        store.write(key(i), Codecs.byteArray(), value(i, random.nextInt(4 << 20)));
      }
    }
    int ops = Integer.parseInt(args[3]);
    int reads = 0;
    for (int op = 0; op < ops; op++) {
      int i = random.nextInt(KEYS);
      if (random.nextBoolean()) {
        Optional<byte[]> read = store.read(key(i), Codecs.byteArray());
        if (read.isPresent()) {
          reads++;
          if (!isValue(i, read.get())) {
            System.out.println("WRONG VALUE for key " + i);
            System.exit(1);
          }
        }
      } else {
        store.write(key(i), Codecs.byteArray(), value(i, random.nextInt(256 << 10)));
      }
    }
    if (!warnings.isEmpty()) {
      System.out.println("WARNINGS " + warnings);
      System.exit(1);
    }
    System.out.println("ok reads=" + reads);
  }

  static String key(int i) {
    return String.format("%064x", 0xabc0000L + i);
  }

  /** n bytes, each a function of the key and its position: a torn or mixed value shows. */
  static byte[] value(int i, int n) {
    byte[] value = new byte[n + 1];
    value[0] = (byte) i;
    for (int k = 1; k < value.length; k++) {
      value[k] = (byte) (i * 31 + k * 7);
    }
    return value;
  }

  static boolean isValue(int i, byte[] value) {
    if (value.length == 0 || value[0] != (byte) i) {
      return false;
    }
    for (int k = 1; k < value.length; k++) {
      if (value[k] != (byte) (i * 31 + k * 7)) {
        return false;
      }
    }
    return true;
  }
}
