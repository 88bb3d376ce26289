/**
 * The comparison report: reads a sweep's run directories from disk (never live runner or engine
 * objects) and writes one self-contained HTML file with inlined uPlot charts, a JSON data island and a
 * strict Content Security Policy.
 */
package dev.rnnlab.reports;
