/**
 * The {@code rnnlab} command line (picocli): wires the engine registry, runner and reports together.
 * The only package that prints or exits; every command returns its exit code (0 ok, 1 a run or the
 * software failed, 2 usage or config error), so tests call {@code execute} without exiting the JVM.
 */
package dev.rnnlab.cli;
