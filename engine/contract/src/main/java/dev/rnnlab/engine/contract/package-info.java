/**
 * The engine contract as tests ({@link dev.rnnlab.engine.contract.EngineContract}): every engine's test class
 * extends it, so the runner can rely on the same outcomes, step order, stop requests, interruption and resumption
 * whichever engine trains a run. Test code in its own module, which engines depend on in their test scope.
 */
package dev.rnnlab.engine.contract;
