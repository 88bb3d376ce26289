package dev.rnnlab.runner.sweep;

import dev.rnnlab.runner.config.ConfigNode;
import dev.rnnlab.runner.config.Location;
import java.util.List;
import java.util.Map;

/**
 * The {@code sweep:} block, parsed: what varies between runs. Every part is optional; the runs are
 * the outer product of the grid axes, the zip rows and the random samples, each extended by the
 * {@code when} blocks whose condition it meets, minus the excluded ones, times {@code repeats} seeds.
 *
 * @param grid     axes of the outer product
 * @param zip      linked axes: entry i of every list goes together (all lists equally long)
 * @param random   seeded random samples, or null
 * @param when     conditional grid axes
 * @param exclude  partial assignments; a run matching every key of one of them is dropped
 * @param repeats  seeds per configuration: {@code seed, seed + 1, ...}
 * @param maxRuns  refuse sweeps larger than this
 * @param tpe      model-based search, or null; it excludes every other shape
 */
record SweepDefinition(List<Axis> grid, List<Axis> zip, RandomSearch random, List<When> when,
                       List<Map<String, ConfigNode>> exclude, int repeats, long maxRuns, TpeSearch tpe, Location location) {

    /**
     * {@code samples} draws, seeded by {@code seed}, each assigning a value to every parameter.
     *
     * @param params parameter path to its distribution, in file order
     */
    record RandomSearch(int samples, long seed, List<Param> params, Location location) {}

    /** One randomly searched parameter. */
    record Param(String path, Location location, Distribution distribution) {}

    /** {@code uniform}/{@code log_uniform} (real), {@code int_uniform} (inclusive), or {@code choice}. */
    sealed interface Distribution permits Uniform, LogUniform, IntUniform, Choice {}

    record Uniform(double low, double high) implements Distribution {}

    record LogUniform(double low, double high) implements Distribution {}

    record IntUniform(long low, long high) implements Distribution {}

    record Choice(List<ConfigNode> values) implements Distribution {}

    /** Grid axes that apply only to runs whose values match {@code condition}. */
    record When(Map<String, ConfigNode> condition, List<Axis> grid, Location location) {}
}
