package io.typeline.runtime;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fingerprint of a stage's code, from its bytecode: the same under javac and ECJ builds of
 * one source, for classes from directories and from jars, with no compiler trees.
 *
 * <p>What it covers: the stage method's instructions, with every constant-pool reference replaced
 * by what it names (so an edit elsewhere in the class, which renumbers the pool, changes nothing),
 * its exception handlers, and, transitively, every method of the <em>project</em> it calls or
 * references (a lambda's body, a method reference), plus the static initializer of each project
 * class whose static fields it reads. The project is the class-path root (directory or jar) the
 * stage's class comes from. Line numbers, local variable names and stack maps are left out, so
 * formatting, comments and renaming a local change nothing.
 *
 * <p>What it does not cover (documented in {@code docs/CACHE.md}): code outside the project (a
 * library upgrade: give the stage a {@code version}); overriding methods reached by dynamic
 * dispatch, when only their supertype's method is named in the call; resources and files the code
 * reads (pass them as {@code Path} params, which are hashed by content); instance fields'
 * values (an instance stage's instance is keyed by its serialized form when it is serializable).
 */
final class CodeFingerprint {
  /** Per class, its stages' fingerprints: a class's code cannot change while it is loaded. */
  private static final ClassValue<ConcurrentHashMap<String, String>> CACHE = new ClassValue<>() {
    @Override
    protected ConcurrentHashMap<String, String> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };
  /** Bounds the walk on huge projects; past it, the fingerprint says so and stays deterministic. */
  private static final int MAX_METHODS = 20_000;

  /**
   * Parsed class files per loader, shared by the fingerprints of all stages: a pipeline of
   * thousands of stages in one class parses that class once. Weak keys: a loader that goes away
   * takes its entries along.
   */
  private static final Map<ClassLoader, Map<String, Optional<ClassInfo>>> PARSED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final ClassLoader loader;
  private final String projectRoot;
  private final Map<String, Optional<ClassInfo>> classes;

  private CodeFingerprint(ClassLoader loader, String projectRoot) {
    this.loader = loader;
    this.projectRoot = projectRoot;
    this.classes = PARSED.computeIfAbsent(loader, key -> new ConcurrentHashMap<>());
  }

  /**
   * The fingerprint of method {@code name} with JVM descriptor {@code descriptor} in {@code owner}
   * and the project code it reaches: 64 hex digits.
   */
  static String of(Class<?> owner, String name, String descriptor) {
    ClassLoader loader = owner.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : owner.getClassLoader();
    String internal = owner.getName().replace('.', '/');
    return CACHE.get(owner).computeIfAbsent(name + descriptor, key -> {
      String root = rootOf(loader, internal);
      if (root == null) {
        throw new IllegalStateException("Cannot read the class file of " + owner.getName()
            + " to fingerprint stage '" + name + "': its class loader does not serve it as a resource;"
            + " give the stage @Stage(cache = false), or load it from a directory or jar");
      }
      return new CodeFingerprint(loader, root).fingerprint(internal, name, descriptor);
    });
  }

  private static String rootOf(ClassLoader loader, String internal) {
    URL url = loader.getResource(internal + ".class");
    if (url == null) {
      return null;
    }
    String text = url.toString();
    return text.substring(0, text.length() - (internal + ".class").length());
  }

  private String fingerprint(String owner, String name, String descriptor) {
    TreeMap<String, byte[]> hashes = new TreeMap<>(); // sorted: the walk's order does not matter
    ArrayDeque<String[]> work = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    work.add(new String[] {owner, name, descriptor});
    boolean truncated = false;
    while (!work.isEmpty()) {
      String[] next = work.poll();
      String id = next[0] + "." + next[1] + next[2];
      if (!seen.add(id)) {
        continue;
      }
      if (seen.size() > MAX_METHODS) {
        truncated = true;
        break;
      }
      MethodInfo method = find(next[0], next[1], next[2]);
      if (method == null) {
        hashes.put(id, new byte[0]); // abstract, native or not found: its name is what we know
        continue;
      }
      MessageDigest digest = Store.sha256();
      method.normalize(digest, reference -> {
        if (inProject(reference[0])) {
          work.add(reference);
        }
      });
      hashes.put(id, digest.digest());
    }
    MessageDigest total = Store.sha256();
    total.update(("typeline-code-1\n" + owner + "." + name + descriptor + "\n").getBytes(StandardCharsets.UTF_8));
    hashes.forEach((id, hash) -> {
      total.update(id.getBytes(StandardCharsets.UTF_8));
      total.update((byte) 0);
      total.update(hash);
    });
    if (truncated) {
      total.update("truncated".getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(total.digest());
  }

  private boolean inProject(String internal) {
    if (internal.startsWith("[") || internal.startsWith("java/") || internal.startsWith("javax/")) {
      return false;
    }
    return projectRoot.equals(rootOf(loader, internal));
  }

  /** The method, looked up like the JVM resolves it: in the class, then its project superclasses. */
  private MethodInfo find(String owner, String name, String descriptor) {
    for (String type = owner; type != null && (type.equals(owner) || inProject(type)); ) {
      ClassInfo info = load(type);
      if (info == null) {
        return null;
      }
      MethodInfo method = info.methods.get(name + descriptor);
      if (method != null) {
        return method;
      }
      type = info.superName;
    }
    return null;
  }

  private ClassInfo load(String internal) {
    return classes.computeIfAbsent(internal, name -> {
      try (InputStream in = loader.getResourceAsStream(name + ".class")) {
        return in == null ? Optional.empty() : Optional.of(ClassInfo.parse(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + name + ".class to fingerprint a stage", e);
      }
    }).orElse(null);
  }

  /** The parts of a class file a fingerprint needs. */
  private static final class ClassInfo {
    int[] tags;
    int[] first;
    int[] second;
    Object[] values;
    String superName;
    final Map<String, MethodInfo> methods = new HashMap<>();
    final List<int[]> bootstraps = new ArrayList<>();

    static ClassInfo parse(byte[] bytes) throws IOException {
      ClassInfo info = new ClassInfo();
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      if (in.readInt() != 0xCAFEBABE) {
        throw new IOException("not a class file");
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      info.tags = new int[count];
      info.first = new int[count];
      info.second = new int[count];
      info.values = new Object[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        info.tags[i] = tag;
        switch (tag) {
          case 1 -> info.values[i] = in.readUTF();
          case 3 -> info.values[i] = "int " + in.readInt();
          case 4 -> info.values[i] = "float " + Integer.toHexString(in.readInt());
          case 5 -> info.values[i++] = "long " + in.readLong();
          case 6 -> info.values[i++] = "double " + Long.toHexString(in.readLong());
          case 7, 8, 16, 19, 20 -> info.first[i] = in.readUnsignedShort();
          case 9, 10, 11, 12, 17, 18 -> {
            info.first[i] = in.readUnsignedShort();
            info.second[i] = in.readUnsignedShort();
          }
          case 15 -> {
            info.first[i] = in.readUnsignedByte();
            info.second[i] = in.readUnsignedShort();
          }
          default -> throw new IOException("unknown constant pool tag " + tag);
        }
      }
      in.readUnsignedShort(); // access
      in.readUnsignedShort(); // this
      int superIndex = in.readUnsignedShort();
      info.superName = superIndex == 0 ? null : info.utf(info.first[superIndex]);
      in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
      int fields = in.readUnsignedShort();
      for (int f = 0; f < fields; f++) {
        in.skipNBytes(6);
        skipAttributes(in);
      }
      int methods = in.readUnsignedShort();
      for (int m = 0; m < methods; m++) {
        int access = in.readUnsignedShort();
        String name = info.utf(in.readUnsignedShort());
        String descriptor = info.utf(in.readUnsignedShort());
        byte[] code = null;
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
          String attribute = info.utf(in.readUnsignedShort());
          int length = in.readInt();
          if (attribute.equals("Code")) {
            code = in.readNBytes(length);
          } else {
            in.skipNBytes(length);
          }
        }
        info.methods.put(name + descriptor, new MethodInfo(info, access, code));
      }
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attribute = info.utf(in.readUnsignedShort());
        int length = in.readInt();
        if (attribute.equals("BootstrapMethods")) {
          int bootstrapCount = in.readUnsignedShort();
          for (int b = 0; b < bootstrapCount; b++) {
            int handle = in.readUnsignedShort();
            int arguments = in.readUnsignedShort();
            int[] bootstrap = new int[1 + arguments];
            bootstrap[0] = handle;
            for (int k = 0; k < arguments; k++) {
              bootstrap[1 + k] = in.readUnsignedShort();
            }
            info.bootstraps.add(bootstrap);
          }
        } else {
          in.skipNBytes(length);
        }
      }
      return info;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        in.skipNBytes(2);
        in.skipNBytes(in.readInt());
      }
    }

    String utf(int index) {
      return (String) values[index];
    }

    /**
     * What constant {@code index} names, as text independent of pool numbering; reports the
     * methods and classes it refers to.
     */
    String render(int index, java.util.function.Consumer<String[]> references) {
      int tag = tags[index];
      switch (tag) {
        case 1, 3, 4, 5, 6:
          return String.valueOf(values[index]);
        case 7:
          return "class " + utf(first[index]);
        case 8:
          return "string " + utf(first[index]);
        case 16:
          return "methodtype " + utf(first[index]);
        case 19, 20:
          return "module/package " + utf(first[index]);
        case 9, 10, 11: {
          String owner = utf(first[first[index]]);
          int nameAndType = second[index];
          String name = utf(first[nameAndType]);
          String descriptor = utf(second[nameAndType]);
          if (tag == 9) {
            references.accept(new String[] {owner, "<clinit>", "()V"}); // its static initializer
          } else {
            references.accept(new String[] {owner, name, descriptor});
          }
          return (tag == 9 ? "field " : "method ") + owner + "." + name + descriptor;
        }
        case 12:
          return utf(first[index]) + utf(second[index]);
        case 15:
          return "handle " + first[index] + " " + render(second[index], references);
        case 17, 18: {
          int[] bootstrap = bootstraps.get(first[index]);
          StringBuilder text = new StringBuilder("dynamic ").append(render(bootstrap[0], references));
          for (int k = 1; k < bootstrap.length; k++) {
            text.append(", ").append(render(bootstrap[k], references));
          }
          return text.append(" -> ").append(render(second[index], references)).toString();
        }
        default:
          throw new IllegalStateException("constant pool tag " + tag);
      }
    }
  }

  private record MethodInfo(ClassInfo owner, int access, byte[] code) {

    /** Feeds the method's normalized code to {@code digest}; reports what it refers to. */
    void normalize(MessageDigest digest, java.util.function.Consumer<String[]> references) {
      StringBuilder out = new StringBuilder();
      out.append("access ").append(access & 0x0F3F).append('\n'); // without synthetic/bridge noise
      if (code == null) {
        digest.update(out.toString().getBytes(StandardCharsets.UTF_8));
        return;
      }
      try {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(code));
        in.readUnsignedShort(); // max stack
        in.readUnsignedShort(); // max locals
        int length = in.readInt();
        byte[] instructions = in.readNBytes(length);
        instructions(instructions, out, references);
        int handlers = in.readUnsignedShort();
        for (int h = 0; h < handlers; h++) {
          out.append("handler ").append(in.readUnsignedShort()).append(' ').append(in.readUnsignedShort())
              .append(' ').append(in.readUnsignedShort());
          int type = in.readUnsignedShort();
          out.append(' ').append(type == 0 ? "any" : owner.render(type, references)).append('\n');
        }
        // The Code attribute's own attributes (line numbers, local names, stack maps) are left out.
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      digest.update(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void instructions(byte[] code, StringBuilder out, java.util.function.Consumer<String[]> references) {
      int pc = 0;
      while (pc < code.length) {
        int op = code[pc] & 0xFF;
        out.append(op);
        switch (op) {
          case 0x10, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3A, 0xA9, 0xBC -> {
            out.append(' ').append(code[pc + 1]);
            pc += 2;
          }
          case 0x11 -> {
            out.append(' ').append(s2(code, pc + 1));
            pc += 3;
          }
          case 0x12 -> {
            out.append(' ').append(owner.render(code[pc + 1] & 0xFF, references));
            pc += 2;
          }
          case 0x13, 0x14, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xBB, 0xBD, 0xC0, 0xC1 -> {
            out.append(' ').append(owner.render(u2(code, pc + 1), references));
            pc += 3;
          }
          case 0xB9 -> {
            out.append(' ').append(owner.render(u2(code, pc + 1), references));
            pc += 5;
          }
          case 0xBA -> {
            out.append(' ').append(owner.render(u2(code, pc + 1), references));
            pc += 5;
          }
          case 0xC5 -> {
            out.append(' ').append(owner.render(u2(code, pc + 1), references)).append(' ').append(code[pc + 3]);
            pc += 4;
          }
          case 0x84 -> {
            out.append(' ').append(code[pc + 1]).append(' ').append(code[pc + 2]);
            pc += 3;
          }
          case 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8,
              0xC6, 0xC7 -> {
            out.append(' ').append(s2(code, pc + 1));
            pc += 3;
          }
          case 0xC8, 0xC9 -> {
            out.append(' ').append(s4(code, pc + 1));
            pc += 5;
          }
          case 0xAA -> {
            int at = (pc + 4) & ~3; // operands are 4-byte aligned from the code's start
            int low = s4(code, at + 4);
            int high = s4(code, at + 8);
            for (int k = at; k < at + 12 + 4 * (high - low + 1); k += 4) {
              out.append(' ').append(s4(code, k));
            }
            pc = at + 12 + 4 * (high - low + 1);
          }
          case 0xAB -> {
            int at = (pc + 4) & ~3;
            int pairs = s4(code, at + 4);
            for (int k = at; k < at + 8 + 8 * pairs; k += 4) {
              out.append(' ').append(s4(code, k));
            }
            pc = at + 8 + 8 * pairs;
          }
          case 0xC4 -> { // wide
            int widened = code[pc + 1] & 0xFF;
            out.append(' ').append(widened).append(' ').append(u2(code, pc + 2));
            if (widened == 0x84) {
              out.append(' ').append(s2(code, pc + 4));
              pc += 6;
            } else {
              pc += 4;
            }
          }
          default -> pc += 1;
        }
        out.append('\n');
      }
    }

    private static int u2(byte[] code, int at) {
      return (code[at] & 0xFF) << 8 | code[at + 1] & 0xFF;
    }

    private static int s2(byte[] code, int at) {
      return (short) u2(code, at);
    }

    private static int s4(byte[] code, int at) {
      return (code[at] & 0xFF) << 24 | (code[at + 1] & 0xFF) << 16 | (code[at + 2] & 0xFF) << 8 | code[at + 3] & 0xFF;
    }
  }
}
