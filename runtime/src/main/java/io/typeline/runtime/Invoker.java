package io.typeline.runtime;

import java.io.Serializable;

/**
 * Calls one stage method with its input values, in the order of the method's parameters. The
 * generated code implements it with a small record whose {@code invoke} is a switch of direct
 * calls, so no reflection is involved. It is {@link Serializable} so that a remote executor can
 * ship it with its arguments as a task.
 */
@FunctionalInterface
public interface Invoker extends Serializable {

  /** Calls the stage; returns its value, or {@code null} for a {@code void} stage. */
  Object invoke(Object[] args) throws Exception;
}
