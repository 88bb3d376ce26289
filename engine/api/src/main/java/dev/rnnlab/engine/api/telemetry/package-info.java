/**
 * What engines report while they train, and how a run ended. Records here are what the run directory
 * stores and the report draws.
 */
package dev.rnnlab.engine.api.telemetry;
