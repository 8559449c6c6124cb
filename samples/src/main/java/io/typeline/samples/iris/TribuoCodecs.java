package io.typeline.samples.iris;

import io.typeline.runtime.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Codecs that let the cache store Tribuo models, in Tribuo's own protobuf format
 * (Tribuo 4.3+): no Java deserialization, and the stored bytes are what {@code
 * Model.serializeToFile} would write. Registered with {@code @Pipeline(codecs = ...)}.
 */
final class TribuoCodecs {
  private TribuoCodecs() {}

  /** A classification model, such as the logistic regression and the tree of the sample. */
  public static final class LabelModel implements Codec<Model<Label>> {
    @Override
    public String name() {
      return "tribuo-model-protobuf-1";
    }

    @Override
    public void write(Model<Label> model, OutputStream out) throws IOException {
      model.serializeToStream(out);
    }

    @Override
    @SuppressWarnings("unchecked") // checked by validate
    public Model<Label> read(InputStream in) throws IOException {
      Model<?> model = Model.deserializeFromStream(in);
      if (!model.validate(Label.class)) {
        throw new IOException("the stored model predicts " + model.getOutputIDInfo().getClass()
            + ", not labels");
      }
      return (Model<Label>) model;
    }
  }
}
