package dev.rnnlab.runner.sweep;

import dev.rnnlab.runner.config.ConfigNode;
import dev.rnnlab.runner.config.Location;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The TPE proposal step for one parameter at a time. Continuous parameters (and integers, rounded) are
 * modelled in their sampling space (log space for {@code log_uniform}) by a mixture of truncated
 * Gaussians, one per observation plus a flat prior, with bandwidths from the gaps between neighbouring
 * observations (clipped as Optuna does); choices by smoothed category counts.
 */
final class TpeProposer {

    private TpeProposer() {}

    /** One finished run: its value of every searched parameter (as written) and its metric. */
    record Observation(List<ConfigNode> values, double metric) {}

    /** Proposal {@code index}: random below {@code startup}, else the TPE choice from {@code history}. */
    static List<ConfigNode> propose(TpeSearch tpe, List<Observation> history, long index) {
        SplittableRandom rng = new SplittableRandom(tpe.seed() * 0x9E3779B97F4A7C15L + index);
        List<Observation> usable = history;
        boolean model = index >= tpe.startup() && usable.size() >= 2;
        List<Observation> sorted = new ArrayList<>(usable);
        sorted.sort((a, b) -> Double.compare(a.metric(), b.metric()));
        int good = Math.max(1, (int) Math.ceil(tpe.gamma() * sorted.size()));
        List<ConfigNode> out = new ArrayList<>();
        for (int p = 0; p < tpe.params().size(); p++) {
            SweepDefinition.Param param = tpe.params().get(p);
            if (!model) {
                out.add(Expansion.drawOne(param, rng));
                continue;
            }
            List<ConfigNode> goodValues = new ArrayList<>();
            List<ConfigNode> badValues = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i++) {
                (i < good ? goodValues : badValues).add(sorted.get(i).values().get(p));
            }
            out.add(best(param, goodValues, badValues, tpe.candidates(), rng));
        }
        return out;
    }

    private static ConfigNode best(SweepDefinition.Param param, List<ConfigNode> good, List<ConfigNode> bad,
                                   int candidates, SplittableRandom rng) {
        Location at = param.location();
        SweepDefinition.Distribution d = param.distribution();
        if (d instanceof SweepDefinition.Choice c) {
            double[] l = categorical(c, good);
            double[] g = categorical(c, bad);
            int bestIndex = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < candidates; k++) {
                int idx = sample(l, rng);
                double score = Math.log(l[idx]) - Math.log(g[idx]);
                if (score > bestScore) {
                    bestScore = score;
                    bestIndex = idx;
                }
            }
            return c.values().get(bestIndex);
        }
        double low;
        double high;
        boolean log = d instanceof SweepDefinition.LogUniform;
        if (d instanceof SweepDefinition.Uniform u) {
            low = u.low();
            high = u.high();
        } else if (d instanceof SweepDefinition.LogUniform u) {
            low = Math.log(u.low());
            high = Math.log(u.high());
        } else {
            SweepDefinition.IntUniform u = (SweepDefinition.IntUniform) d;
            low = u.low() - 0.5;
            high = u.high() + 0.5;
        }
        Parzen l = Parzen.of(space(good, log), low, high);
        Parzen g = Parzen.of(space(bad, log), low, high);
        double bestX = l.sample(rng);
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < candidates; k++) {
            double x = l.sample(rng);
            double score = l.logDensity(x) - g.logDensity(x);
            if (score > bestScore) {
                bestScore = score;
                bestX = x;
            }
        }
        if (d instanceof SweepDefinition.IntUniform u) {
            long v = Math.max(u.low(), Math.min(u.high(), Math.round(bestX)));
            return new ConfigNode.Scalar(Long.toString(v), false, at);
        }
        return new ConfigNode.Scalar(Double.toString(log ? Math.exp(bestX) : bestX), false, at);
    }

    private static double[] space(List<ConfigNode> values, boolean log) {
        return values.stream().mapToDouble(v -> {
            double x = Double.parseDouble(((ConfigNode.Scalar) v).text());
            return log ? Math.log(x) : x;
        }).toArray();
    }

    /** Category weights: observed counts plus one for each category (the prior), normalised. */
    private static double[] categorical(SweepDefinition.Choice c, List<ConfigNode> observed) {
        double[] w = new double[c.values().size()];
        Arrays.fill(w, 1.0);
        for (ConfigNode v : observed) {
            for (int i = 0; i < w.length; i++) {
                if (Expansion.sameValue(v, c.values().get(i))) {
                    w[i] += 1;
                    break;
                }
            }
        }
        double sum = Arrays.stream(w).sum();
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    private static int sample(double[] weights, SplittableRandom rng) {
        double u = rng.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u <= 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** An equally weighted mixture of Gaussians truncated to [low, high], the first being the flat prior. */
    record Parzen(double[] mus, double[] sigmas, double low, double high) {

        static Parzen of(double[] xs, double low, double high) {
            double range = high - low;
            int n = xs.length;
            double[] sorted = xs.clone();
            Arrays.sort(sorted);
            double[] mus = new double[n + 1];
            double[] sigmas = new double[n + 1];
            mus[0] = low + range / 2; // prior
            sigmas[0] = range;
            double minSigma = range / Math.min(100.0, 1.0 + n);
            for (int i = 0; i < n; i++) {
                double left = i == 0 ? sorted[i] - low : sorted[i] - sorted[i - 1];
                double right = i == n - 1 ? high - sorted[i] : sorted[i + 1] - sorted[i];
                mus[i + 1] = sorted[i];
                sigmas[i + 1] = Math.max(minSigma, Math.min(range, Math.max(left, right)));
            }
            return new Parzen(mus, sigmas, low, high);
        }

        double sample(SplittableRandom rng) {
            int k = rng.nextInt(mus.length);
            for (int attempt = 0; attempt < 100; attempt++) {
                double x = mus[k] + sigmas[k] * rng.nextGaussian();
                if (x >= low && x <= high) {
                    return x;
                }
            }
            return Math.max(low, Math.min(high, mus[k]));
        }

        double logDensity(double x) {
            double sum = 0;
            for (int k = 0; k < mus.length; k++) {
                double z = (x - mus[k]) / sigmas[k];
                double mass = phi((high - mus[k]) / sigmas[k]) - phi((low - mus[k]) / sigmas[k]);
                sum += Math.exp(-0.5 * z * z) / (sigmas[k] * Math.sqrt(2 * Math.PI) * Math.max(mass, 1e-12));
            }
            return Math.log(sum / mus.length);
        }

        /** The standard normal CDF (Abramowitz and Stegun 7.1.26 via erf). */
        static double phi(double z) {
            return 0.5 * (1 + org.apache.commons.math3.special.Erf.erf(z / Math.sqrt(2)));
        }
    }
}
