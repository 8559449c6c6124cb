package io.typeline.processor;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
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

  /**
   * Serves the class files as resources too, as a class path does: the cache fingerprints a stage
   * from its class file.
   */
  @Override
  protected URL findResource(String name) {
    if (!name.endsWith(".class")) {
      return null;
    }
    JavaFileObject file = files.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
    if (file == null) {
      return null;
    }
    try {
      return new URL(null, "compiled:/" + name, new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL url) {
          return new URLConnection(url) {
            @Override
            public void connect() {}

            @Override
            public InputStream getInputStream() throws IOException {
              return file.openInputStream();
            }
          };
        }
      });
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
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
