package dev.rnnlab.engine.dl4j;

import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.contract.EngineContract;

/** The Deeplearning4j engine against the engine contract, on every cell, optimizer and clipping mode it declares. */
class Dl4jEngineContractTest extends EngineContract {

    @Override
    protected EngineProvider provider() {
        return new Dl4jEngineProvider();
    }
}
