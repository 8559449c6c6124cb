package io.typeline.processor;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** The classes a compilation wrote to memory, loadable on top of the test's class path (which has the runtime). */
final class CompiledClasses extends ClassLoader {
  private final Map<String, JavaFileObject> files = new HashMap<>();

  CompiledClasses(Compilation compilation) {
    super(CompiledClasses.class.getClassLoader());
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        // compile-testing names outputs like /CLASS_OUTPUT/edge/Main.class
        String path = file.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", "");
        files.put(path.substring(0, path.length() - ".class".length()).replace('/', '.'), file);
      }
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JavaFileObject file = files.get(name);
    if (file == null) {
      throw new ClassNotFoundException(name);
    }
    try (InputStream in = file.openInputStream()) {
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }
}
