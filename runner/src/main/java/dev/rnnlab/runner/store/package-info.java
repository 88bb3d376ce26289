/**
 * The on-disk layout of results, and the only code that writes it. State files are written to a
 * temp file in the same directory and renamed into place, so a reader (or a resumed sweep) never sees
 * half a file. See the README's "Results directory".
 */
package dev.rnnlab.runner.store;
