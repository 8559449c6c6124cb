package io.typeline.samples.iris;

import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;

/**
 * The Iris data cut in two: {@code train} fits the models, {@code test} (never seen in training)
 * measures them.
 */
record IrisSplit(MutableDataset<Label> train, MutableDataset<Label> test) {}
