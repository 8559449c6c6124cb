package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  static final String KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  static final String OTHER_KEY = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();

  private Store store() {
    return Store.open(dir, warnings::add);
  }

  /** A serializable output type, as a stage might return. */
  record Split(List<Double> train, String name) implements Serializable {}

  private static final Codec<Split> SPLIT =
      Codecs.serializable(Split.class, "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12",
          "java.util.CollSer", "java.lang.Object", "java.lang.Double", "java.lang.Number", "java.lang.String");

  @Test
  void valuesComeBackEqualThroughEveryBuiltInCodec() {
    Store store = store();
    store.write(KEY, Codecs.string(), "héllo");
    assertThat(store.read(KEY, Codecs.string())).hasValue("héllo");
    store.write(KEY, Codecs.string(), "x\uD800y"); // no charset carries an unpaired surrogate
    assertThat(store.read(KEY, Codecs.string())).hasValue("x\uD800y");
    store.write(KEY, Codecs.doubleArray(), new double[] {1.5, -2});
    assertThat(store.read(KEY, Codecs.doubleArray()).orElseThrow()).usingExactEquality().containsExactly(1.5, -2.0);
    store.write(KEY, Codecs.list(Codecs.ints()), java.util.Arrays.asList(1, null, 3));
    assertThat(store.read(KEY, Codecs.list(Codecs.ints())).orElseThrow()).containsExactly(1, null, 3).inOrder();
    store.write(KEY, Codecs.enumOf(Thread.State.class), Thread.State.BLOCKED);
    assertThat(store.read(KEY, Codecs.enumOf(Thread.State.class))).hasValue(Thread.State.BLOCKED);
    Split split = new Split(List.of(0.5, 0.25), "fold 1");
    store.write(KEY, SPLIT, split);
    assertWithMessage("warnings: %s", warnings).that(store.read(KEY, SPLIT)).hasValue(split);
    assertThat(warnings).isEmpty();
  }

  @Test
  void aMissingEntryIsEmptyWithoutAWarning() {
    assertThat(store().read(KEY, Codecs.string())).isEmpty();
    assertThat(warnings).isEmpty();
  }

  @Test
  void aCorruptEntryIsReportedDeletedAndMissing() throws IOException {
    Store store = store();
    store.write(KEY, Codecs.string(), "a value long enough to flip a byte of");
    Path entry = store.pathOf(KEY);
    byte[] bytes = Files.readAllBytes(entry);
    bytes[bytes.length - 50] ^= 0x01; // inside the payload
    Files.write(entry, bytes);

    assertThat(store.read(KEY, Codecs.string())).isEmpty();

    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("cache entry " + KEY + " fails its checksum (corrupt); deleted it, the stage runs again");
    assertThat(Files.exists(entry)).isFalse();
  }

  @Test
  void aTruncatedEntryAtAnyLengthIsNeverAValue() throws IOException {
    Store store = store();
    store.write(KEY, Codecs.string(), "value");
    byte[] whole = Files.readAllBytes(store.pathOf(KEY));
    for (int length = 0; length < whole.length; length++) {
      Files.write(store.pathOf(KEY), java.util.Arrays.copyOf(whole, length));
      assertThat(store.read(KEY, Codecs.string())).isEmpty();
    }
    assertThat(warnings).hasSize(whole.length);
    assertThat(warnings.get(3)).contains("is truncated");
  }

  @Test
  void anEntryCopiedUnderAnotherKeyOrReadWithAnotherCodecIsRejected() throws IOException {
    Store store = store();
    store.write(OTHER_KEY, Codecs.string(), "other");
    Files.createDirectories(store.pathOf(KEY).getParent());
    Files.copy(store.pathOf(OTHER_KEY), store.pathOf(KEY));
    assertThat(store.read(KEY, Codecs.string())).isEmpty();
    assertThat(warnings.get(0)).contains("holds the entry of another key (" + OTHER_KEY + ")");

    assertThat(store.read(OTHER_KEY, Codecs.ints())).isEmpty();
    assertThat(warnings.get(1)).contains("was written by codec string, not int (the stage's output type changed)");
  }

  @Test
  void anEntryThatIsNotOneAtAllIsRejected() throws IOException {
    Store store = store();
    Files.createDirectories(store.pathOf(KEY).getParent());
    Files.writeString(store.pathOf(KEY), "#!/bin/sh\necho this is not a cache entry, but long enough to look like one\n");
    assertThat(store.read(KEY, Codecs.string())).isEmpty();
    assertThat(warnings.get(0)).contains("is not a Typeline cache entry (bad magic)");
  }

  /** Records whether Java serialization ever ran its code. */
  static final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    static volatile boolean deserialized;

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      deserialized = true; // what a gadget chain's payload would do
    }
  }

  @Test
  void anEntryWhoseBytesNameAForeignClassIsRejectedAndNoneOfItsCodeRuns() {
    Store store = store();
    // A well-formed entry (right key, codec name and checksum) whose payload is another class:
    // what someone with write access to the store could plant.
    Codec<Object> impostor = new Codec<>() {
      @Override
      public String name() {
        return SPLIT.name();
      }

      @Override
      public void write(Object value, java.io.OutputStream out) throws IOException {
        java.io.ObjectOutputStream objects = new java.io.ObjectOutputStream(out);
        objects.writeObject(value);
        objects.flush();
      }

      @Override
      public Object read(java.io.InputStream in) {
        throw new AssertionError();
      }
    };
    store.write(KEY, impostor, new Gadget());

    Optional<Split> read = store.read(KEY, SPLIT);

    assertThat(read).isEmpty();
    assertThat(Gadget.deserialized).isFalse();
    assertThat(warnings.get(0)).contains(Gadget.class.getName());
    assertThat(warnings.get(0)).contains("not among the classes this stage's output may contain");
    assertThat(store.contains(KEY)).isFalse();
  }

  @Test
  void aFileOrDirectoryIsCopiedInAndReadBackAsAnEqualCopyInTheStore() throws IOException {
    Store store = store();
    Path model = Files.writeString(dir.resolve("model.bin"), "weights");
    Path folder = Files.createDirectories(dir.resolve("out/report"));
    Files.writeString(folder.resolve("index.html"), "<p>hi</p>");
    Files.createDirectories(folder.resolve("img"));
    Files.write(folder.resolve("img/plot.png"), new byte[] {1, 2, 3});

    store.write(KEY, Codecs.path(), model);
    store.write(OTHER_KEY, Codecs.path(), folder);
    Files.delete(model); // the entry holds the content, not a reference
    Path file = store.read(KEY, Codecs.path()).orElseThrow();
    Path tree = store.read(OTHER_KEY, Codecs.path()).orElseThrow();

    assertThat(file.getFileName().toString()).isEqualTo("model.bin");
    assertThat(Files.readString(file)).isEqualTo("weights");
    assertThat(file.startsWith(store.root().resolve("files"))).isTrue();
    assertThat(tree.getFileName().toString()).isEqualTo("report");
    assertThat(Files.readString(tree.resolve("index.html"))).isEqualTo("<p>hi</p>");
    assertThat(Files.readAllBytes(tree.resolve("img/plot.png"))).isEqualTo(new byte[] {1, 2, 3});
    // The same content is copied once: a second read gives the same path.
    assertThat(store.read(KEY, Codecs.path()).orElseThrow()).isEqualTo(file);
    assertThat(warnings).isEmpty();

    store.clear();
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void aPathEntryNamingAFileOutsideItsDirectoryIsRejected() {
    Store store = store();
    // Well-formed and checksummed, as someone with write access to the store could make it.
    Codec<String> crafted = Codecs.of(Codecs.path().name(), (name, out) -> {
      out.writeUTF("report");
      out.writeByte(2);
      out.writeInt(1);
      out.writeUTF("../../escaped.txt");
      out.writeLong(1);
      out.writeByte('x');
    }, in -> null);
    store.write(KEY, crafted, "x");

    assertThat(store.read(KEY, Codecs.path())).isEmpty();
    assertThat(warnings.get(0)).contains("names a file outside its directory");
    assertThat(Files.exists(store.root().resolve("escaped.txt"))).isFalse();
    assertThat(Files.exists(store.root().resolve("files/escaped.txt"))).isFalse();
  }

  @Test
  void clearRemovesEveryEntry() {
    Store store = store();
    store.write(KEY, Codecs.ints(), 1);
    store.write(OTHER_KEY, Codecs.ints(), 2);
    store.clear();
    assertThat(store.contains(KEY)).isFalse();
    assertThat(store.contains(OTHER_KEY)).isFalse();
  }

  @Test
  void aStoreThatCannotBeCreatedSaysWhereAndHowToFixIt() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Store.open(file.resolve("cache")));
    assertThat(e).hasMessageThat().contains("Cannot create the Typeline cache in " + file.resolve("cache"));
    assertThat(e).hasMessageThat().contains("TYPELINE_HOME");
  }

  @Test
  void aWriteThatFailsIsAWarningNotAnError() {
    Store store = store();
    Codec<String> failing = Codecs.of("failing", (v, out) -> {
      throw new IOException("disk full");
    }, in -> null);
    assertThat(store.write(KEY, failing, "x")).isFalse();
    assertThat(warnings.get(0)).contains("could not write cache entry " + KEY);
    assertThat(warnings.get(0)).contains("disk full");
    assertThat(store.contains(KEY)).isFalse();
  }
}
