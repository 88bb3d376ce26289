/** Named parameter tensors with PyTorch {@code state_dict} names, and their initialisation. */
package dev.rnnlab.engine.bptt.param;
