package dev.rnnlab.engine.bptt;

import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.contract.EngineContract;

/** The native engine against the engine contract, on every cell, optimizer and clipping mode it declares. */
class NativeEngineContractTest extends EngineContract {

    @Override
    protected EngineProvider provider() {
        return new NativeEngineProvider();
    }
}
