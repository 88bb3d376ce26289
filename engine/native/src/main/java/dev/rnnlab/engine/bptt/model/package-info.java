/** A stack of recurrent layers with a head and a loss: one forward/backward pass over a batch. */
package dev.rnnlab.engine.bptt.model;
