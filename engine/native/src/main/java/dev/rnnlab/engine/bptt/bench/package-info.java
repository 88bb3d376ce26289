/** Training throughput of the native engine, measured the way {@code shared/bench/torch_bench.py} measures PyTorch. */
package dev.rnnlab.engine.bptt.bench;
