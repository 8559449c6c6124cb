package io.typeline.runtime;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The built-in {@link Codec}s. Generated code picks one per cached stage from its output type:
 * primitives and their boxes, {@code String}, {@code byte[]}, {@code int[]}, {@code long[]},
 * {@code double[]}, enums, lists of any of these, and {@link Serializable} types read back with an
 * allow-list of classes computed at compile time.
 */
public final class Codecs {
  private Codecs() {}

  /** A codec from a name and two functions. */
  public static <T> Codec<T> of(String name, Writer<T> writer, Reader<T> reader) {
    return new Codec<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void write(T value, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        writer.write(value, data);
        data.flush();
      }

      @Override
      public T read(InputStream in) throws IOException {
        return reader.read(new DataInputStream(in));
      }

      @Override
      public String toString() {
        return "Codec[" + name + "]";
      }
    };
  }

  /** Writes one value. */
  @FunctionalInterface
  public interface Writer<T> {
    void write(T value, DataOutputStream out) throws IOException;
  }

  /** Reads one value. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static final Codec<Boolean> BOOLEAN = of("boolean", (v, out) -> out.writeBoolean(v), DataInputStream::readBoolean);
  private static final Codec<Byte> BYTE = of("byte", (v, out) -> out.writeByte(v), DataInputStream::readByte);
  private static final Codec<Short> SHORT = of("short", (v, out) -> out.writeShort(v), DataInputStream::readShort);
  private static final Codec<Character> CHAR = of("char", (v, out) -> out.writeChar(v), DataInputStream::readChar);
  private static final Codec<Integer> INT = of("int", (v, out) -> out.writeInt(v), DataInputStream::readInt);
  private static final Codec<Long> LONG = of("long", (v, out) -> out.writeLong(v), DataInputStream::readLong);
  private static final Codec<Float> FLOAT = of("float", (v, out) -> out.writeFloat(v), DataInputStream::readFloat);
  private static final Codec<Double> DOUBLE = of("double", (v, out) -> out.writeDouble(v), DataInputStream::readDouble);
  /**
   * UTF-8, or the raw UTF-16 chars for a string that UTF-8 cannot carry unchanged (an unpaired
   * surrogate, which every charset encoder replaces): a cached string reads back equal, always.
   */
  private static final Codec<String> STRING = of("string", (v, out) -> {
    byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
    boolean lossless = new String(utf8, StandardCharsets.UTF_8).equals(v);
    out.writeBoolean(lossless);
    if (lossless) {
      out.writeInt(utf8.length);
      out.write(utf8);
    } else {
      out.writeInt(v.length());
      out.writeChars(v);
    }
  }, in -> {
    if (in.readBoolean()) {
      return new String(readBytes(in), StandardCharsets.UTF_8);
    }
    char[] chars = new char[length(in)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = in.readChar();
    }
    return new String(chars);
  });
  private static final Codec<byte[]> BYTES = of("byte[]", (v, out) -> {
    out.writeInt(v.length);
    out.write(v);
  }, Codecs::readBytes);
  private static final Codec<int[]> INTS = of("int[]", (v, out) -> {
    out.writeInt(v.length);
    for (int x : v) {
      out.writeInt(x);
    }
  }, in -> {
    int[] v = new int[length(in)];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readInt();
    }
    return v;
  });
  private static final Codec<long[]> LONGS = of("long[]", (v, out) -> {
    out.writeInt(v.length);
    for (long x : v) {
      out.writeLong(x);
    }
  }, in -> {
    long[] v = new long[length(in)];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readLong();
    }
    return v;
  });
  private static final Codec<double[]> DOUBLES = of("double[]", (v, out) -> {
    out.writeInt(v.length);
    for (double x : v) {
      out.writeDouble(x);
    }
  }, in -> {
    double[] v = new double[length(in)];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readDouble();
    }
    return v;
  });

  public static Codec<Boolean> booleans() {
    return BOOLEAN;
  }

  public static Codec<Byte> bytes() {
    return BYTE;
  }

  public static Codec<Short> shorts() {
    return SHORT;
  }

  public static Codec<Character> chars() {
    return CHAR;
  }

  public static Codec<Integer> ints() {
    return INT;
  }

  public static Codec<Long> longs() {
    return LONG;
  }

  public static Codec<Float> floats() {
    return FLOAT;
  }

  public static Codec<Double> doubles() {
    return DOUBLE;
  }

  public static Codec<String> string() {
    return STRING;
  }

  public static Codec<byte[]> byteArray() {
    return BYTES;
  }

  public static Codec<int[]> intArray() {
    return INTS;
  }

  public static Codec<long[]> longArray() {
    return LONGS;
  }

  public static Codec<double[]> doubleArray() {
    return DOUBLES;
  }

  /**
   * The codec of an instance stage's instance whose class has no instance fields: it writes
   * nothing, since all its instances behave alike. Used for cache keys only.
   */
  public static <T> Codec<T> stateless(Class<T> type) {
    return of("stateless:" + type.getName(), (v, out) -> { }, in -> null);
  }

  /**
   * A file or directory a stage returns, copied into the cache entry; read back as a path to a
   * copy under the store's {@code files/} directory (see {@code PathCodec}).
   */
  public static Codec<java.nio.file.Path> path() {
    return PathCodec.INSTANCE;
  }

  /** An enum by constant name: reordering constants keeps entries valid, renaming one does not. */
  public static <E extends Enum<E>> Codec<E> enumOf(Class<E> type) {
    return of("enum:" + type.getName(), (v, out) -> out.writeUTF(v.name()), in -> {
      String name = in.readUTF();
      try {
        return Enum.valueOf(type, name);
      } catch (IllegalArgumentException e) {
        throw new IOException(type.getName() + " has no constant " + name + " any more", e);
      }
    });
  }

  /** A list, its elements by {@code elements}; {@code null} elements are kept. */
  public static <T> Codec<List<T>> list(Codec<T> elements) {
    return of("list<" + elements.name() + ">", (v, out) -> {
      out.writeInt(v.size());
      for (T element : v) {
        out.writeBoolean(element != null);
        if (element != null) {
          elements.write(element, out);
        }
      }
    }, in -> {
      int size = length(in);
      List<T> list = new ArrayList<>(Math.min(size, 1 << 16));
      for (int i = 0; i < size; i++) {
        list.add(in.readBoolean() ? elements.read(in) : null);
      }
      return Collections.unmodifiableList(list);
    });
  }

  /**
   * JDK classes a serializable value commonly holds through an interface or {@code Object} field
   * (collections, boxes, time), allowed with every serializable type: a field's declared type
   * cannot say which implementation it will hold.
   */
  private static final List<String> JDK_VALUES = List.of(
      "java.lang.Object", "java.lang.String", "java.lang.Number", "java.lang.Enum",
      "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character",
      "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
      "java.math.BigInteger", "java.math.BigDecimal",
      "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
      "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
      "java.util.ArrayDeque", "java.util.EnumMap",
      "java.util.CollSer", "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12",
      "java.util.ImmutableCollections$SetN", "java.util.ImmutableCollections$Set12",
      "java.util.ImmutableCollections$MapN", "java.util.ImmutableCollections$Map1",
      "java.util.Arrays$ArrayList", "java.util.Collections$UnmodifiableCollection",
      "java.util.Collections$UnmodifiableList", "java.util.Collections$UnmodifiableRandomAccessList",
      "java.util.Collections$UnmodifiableSet", "java.util.Collections$UnmodifiableMap",
      "java.util.Collections$EmptyList", "java.util.Collections$EmptySet", "java.util.Collections$EmptyMap",
      "java.util.Collections$SingletonList", "java.util.Collections$SingletonSet",
      "java.util.Collections$SingletonMap", "java.time.Ser");

  /**
   * Java serialization, reading back only the classes in {@code allowed} (class names; arrays by
   * their element class), {@code type}, and the JDK's common value and collection classes: a stream naming any other class is rejected before
   * that class is loaded or any of its code runs. The processor derives the list at compile time
   * from the type's serializable fields.
   */
  public static <T> Codec<T> serializable(Class<T> type, String... allowed) {
    Set<String> names = new LinkedHashSet<>(JDK_VALUES);
    names.addAll(List.of(allowed));
    names.add(type.getName());
    return new Codec<>() {
      @Override
      public String name() {
        return "java-serialization:" + type.getName();
      }

      @Override
      public void write(T value, OutputStream out) throws IOException {
        ObjectOutputStream objects = new ObjectOutputStream(out);
        objects.writeObject(value);
        objects.flush();
      }

      @Override
      public T read(InputStream in) throws IOException {
        String[] rejected = new String[1];
        try (ObjectInputStream objects = new FilteredObjectInputStream(in, type.getClassLoader(), names)) {
          objects.setObjectInputFilter(info -> {
            Class<?> serial = info.serialClass();
            if (serial == null) {
              return info.depth() > 1_000 ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.UNDECIDED;
            }
            while (serial.isArray()) {
              serial = serial.getComponentType();
            }
            if (serial.isPrimitive() || names.contains(serial.getName())) {
              return ObjectInputFilter.Status.ALLOWED;
            }
            rejected[0] = serial.getName();
            return ObjectInputFilter.Status.REJECTED;
          });
          Object value = objects.readObject();
          if (value != null && !type.isInstance(value)) {
            throw new InvalidClassException(value.getClass().getName(), "not a " + type.getName());
          }
          return type.cast(value);
        } catch (ClassNotFoundException e) {
          throw new InvalidClassException(e.getMessage(), "class not found");
        } catch (InvalidClassException e) {
          if (rejected[0] != null) {
            throw new InvalidClassException(rejected[0], "not among the classes this stage's output may"
                + " contain; the entry is foreign or tampered with");
          }
          throw e;
        }
      }
    };
  }

  /**
   * Resolves classes with the loader of the value's type, and refuses, before loading it, any
   * class not allowed: the filter alone sees a class only after it is loaded (and its static
   * initializer may have run).
   */
  private static final class FilteredObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;
    private final Set<String> allowed;

    FilteredObjectInputStream(InputStream in, ClassLoader loader, Set<String> allowed) throws IOException {
      super(in);
      this.loader = loader;
      this.allowed = allowed;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      String name = desc.getName();
      String element = name.replaceFirst("^\\[+L?", "").replaceFirst(";$", "");
      boolean primitiveArray = name.startsWith("[") && !name.contains("L");
      if (!primitiveArray && !allowed.contains(element)) {
        throw new InvalidClassException(name, "not among the classes this stage's output may contain;"
            + " the entry is foreign or tampered with");
      }
      return Class.forName(name, false, loader == null ? ClassLoader.getSystemClassLoader() : loader);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = length(in);
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new IOException("payload ends " + (length - bytes.length) + " bytes early");
    }
    return bytes;
  }

  private static int length(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("negative length " + length);
    }
    return length;
  }
}
