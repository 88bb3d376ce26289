package dev.rnnlab.runner.sweep;

import dev.rnnlab.runner.config.ConfigException;
import dev.rnnlab.runner.config.ConfigNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link TpeSearch} as an {@link AdaptiveSearch}: proposes values, and binds them with the planner. */
final class TpeAdaptive implements AdaptiveSearch {

    interface Binder {
        PlannedRun bind(int index, List<Expansion.Assignment> assignments) throws ConfigException;
    }

    private final TpeSearch tpe;
    private final Binder binder;
    /** The searched values of every run proposed by this process, by run id. */
    private final Map<String, List<ConfigNode>> valuesById = new HashMap<>();

    TpeAdaptive(TpeSearch tpe, Binder binder) {
        this.tpe = tpe;
        this.binder = binder;
    }

    @Override
    public int budget() {
        return tpe.budget();
    }

    @Override
    public int batch() {
        return tpe.batch();
    }

    @Override
    public String metric() {
        return tpe.metric();
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("tpe budget=" + tpe.budget() + " startup=" + tpe.startup() + " seed="
                + tpe.seed() + " metric=" + tpe.metric() + " batch=" + tpe.batch() + " gamma=" + tpe.gamma()
                + " candidates=" + tpe.candidates());
        tpe.params().forEach(p -> b.append(' ').append(p.path()).append('~').append(p.distribution()));
        return b.toString();
    }

    /** The first {@code startup} proposals: random, independent of any result. */
    List<PlannedRun> startup() throws ConfigException {
        return propose(List.of(), 0, tpe.startup());
    }

    @Override
    public List<PlannedRun> propose(List<Finished> history, int fromIndex, int count) throws ConfigException {
        List<TpeProposer.Observation> observations = new ArrayList<>();
        for (Finished f : history) {
            List<ConfigNode> values = valuesById.get(f.run().id());
            if (values != null) {
                observations.add(new TpeProposer.Observation(values, f.metric()));
            }
        }
        List<PlannedRun> out = new ArrayList<>();
        for (int i = fromIndex; i < fromIndex + count; i++) {
            List<ConfigNode> values = TpeProposer.propose(tpe, observations, i);
            List<Expansion.Assignment> assignments = new ArrayList<>();
            for (int p = 0; p < values.size(); p++) {
                SweepDefinition.Param param = tpe.params().get(p);
                assignments.add(new Expansion.Assignment(param.path(), param.location(), values.get(p)));
            }
            PlannedRun run = binder.bind(i, assignments);
            valuesById.put(run.id(), values);
            out.add(run);
        }
        return out;
    }
}
