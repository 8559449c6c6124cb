package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheKeyTest {
  @TempDir Path dir;

  private static String key(String code, String version, String seed, List<String> inputs) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("seed", seed);
    return CacheKey.of("demo/Training.split(Ljava/util/List;J)Ldemo/Split;", code, version, params, inputs);
  }

  @Test
  void everyPartOfTheLineageChangesTheKeyAndNothingElseDoes() {
    String base = key("c1", "", "42", List.of("k-load"));
    assertThat(key("c1", "", "42", List.of("k-load"))).isEqualTo(base);
    assertThat(base).hasLength(64);
    assertThat(key("c2", "", "42", List.of("k-load"))).isNotEqualTo(base);
    assertThat(key("c1", "2", "42", List.of("k-load"))).isNotEqualTo(base);
    assertThat(key("c1", "", "43", List.of("k-load"))).isNotEqualTo(base);
    assertThat(key("c1", "", "42", List.of("k-load2"))).isNotEqualTo(base);
    // Field boundaries count: moving a character from one field to the next is another key.
    assertThat(key("c1", "4", "2", List.of("k-load"))).isNotEqualTo(key("c14", "", "2", List.of("k-load")));
  }

  @Test
  void aFileCountsByContentNotByTimestamp() throws Exception {
    Path csv = Files.writeString(dir.resolve("iris.csv"), "5.1,3.5,1.4,0.2,setosa\n");
    String before = CacheKey.ofPath(csv);
    Files.setLastModifiedTime(csv, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    assertThat(CacheKey.ofPath(csv)).isEqualTo(before);
    Files.writeString(csv, "5.1,3.5,1.4,0.3,setosa\n");
    assertThat(CacheKey.ofPath(csv)).isNotEqualTo(before);
  }

  @Test
  void aDirectoryCountsByItsTreeOfNamesAndContents() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("a.csv"), "1");
    Files.createDirectories(data.resolve("sub"));
    Files.writeString(data.resolve("sub/b.csv"), "2");
    String tree = CacheKey.ofPath(data);

    Files.writeString(data.resolve("sub/b.csv"), "3");
    String edited = CacheKey.ofPath(data);
    Files.writeString(data.resolve("sub/b.csv"), "2");
    assertThat(CacheKey.ofPath(data)).isEqualTo(tree);
    Files.move(data.resolve("sub/b.csv"), data.resolve("sub/c.csv"));
    String renamed = CacheKey.ofPath(data);

    assertThat(edited).isNotEqualTo(tree);
    assertThat(renamed).isNotEqualTo(tree);
    assertThat(CacheKey.ofPath(dir.resolve("missing"))).isNotEqualTo(tree);
  }
}
