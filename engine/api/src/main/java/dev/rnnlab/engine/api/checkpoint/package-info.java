/**
 * Model parameters on disk as safetensors (https://github.com/huggingface/safetensors), named as
 * PyTorch's {@code state_dict} ({@code rnn.weight_ih_l0}, ..., {@code head.weight}), so weights move
 * between rnnlab and PyTorch both ways. Plain JDK, so every engine can read and write them.
 */
package dev.rnnlab.engine.api.checkpoint;
