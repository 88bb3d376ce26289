/**
 * rnnlab's own BPTT engine in pure Java, registered as engine {@code native}.
 *
 * <p>Layout: {@code math} (kernels per precision) &lt;- {@code param} &lt;- {@code layer} &lt;- {@code model},
 * {@code optim}; this package wires them into the training loop.
 */
package dev.rnnlab.engine.bptt;
