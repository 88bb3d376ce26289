package dev.rnnlab.runner.sweep;

import java.util.List;

/**
 * Model-based search with the Tree-structured Parzen Estimator (Bergstra et al. 2011; univariate, as
 * Optuna's default sampler): {@code startup} random proposals, then each proposal maximises
 * l(x)/g(x), where l and g are Parzen densities over the parameter values of the best {@code gamma}
 * fraction of finished runs and of the rest, ranked by {@code metric} (lower is better; a run without a
 * finite metric counts as the worst). Proposals come in rounds of {@code batch}; a round waits for all
 * its runs, so the sequence of proposals is a function of the seed and the results alone.
 *
 * @param budget total runs proposed, startup included
 */
record TpeSearch(int budget, int startup, long seed, String metric, int batch, double gamma, int candidates,
                 List<SweepDefinition.Param> params) {

    static final List<String> METRICS = List.of("best_val_loss", "final_val_loss", "final_train_loss", "test_loss");
}
