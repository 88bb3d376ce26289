package dev.rnnlab.runner.exec;

import dev.rnnlab.runner.config.StoppingSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The shared record of validation losses at each ASHA rung, for all runs of one sweep execution. */
final class AshaBoard {

    private final StoppingSpec.Asha spec;
    private final Map<Long, List<Double>> rungs = new HashMap<>();

    AshaBoard(StoppingSpec.Asha spec) {
        this.spec = spec;
    }

    /** The rung a run at {@code step} has just passed, or -1: rungs are minSteps * reduction^k. */
    long rungAt(long step, long previousStep) {
        for (long rung = spec.minSteps(); rung <= step; rung *= spec.reduction()) {
            if (rung > previousStep) {
                return rung;
            }
        }
        return -1;
    }

    /**
     * Records {@code loss} at {@code rung}; returns null to continue, or why the run should stop. A
     * non-finite loss always stops.
     */
    synchronized String decide(long rung, double loss) {
        List<Double> seen = rungs.computeIfAbsent(rung, r -> new ArrayList<>());
        seen.add(Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY);
        List<Double> sorted = new ArrayList<>(seen);
        sorted.sort(Double::compare);
        int keep = Math.max(1, sorted.size() / spec.reduction());
        double cutoff = sorted.get(keep - 1);
        if (Double.isFinite(loss) && loss <= cutoff) {
            return null;
        }
        return "ASHA at rung " + rung + " steps: val loss " + loss + " is not among the best " + keep + " of the "
                + sorted.size() + " runs there (cutoff " + cutoff + ")";
    }
}
