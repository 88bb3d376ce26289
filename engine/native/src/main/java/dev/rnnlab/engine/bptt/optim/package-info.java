/** Optimizers with torch.optim's exact update order, and gradient clipping. One file per optimizer. */
package dev.rnnlab.engine.bptt.optim;
