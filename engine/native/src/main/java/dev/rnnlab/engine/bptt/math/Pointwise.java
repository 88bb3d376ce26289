package dev.rnnlab.engine.bptt.math;

/**
 * Float32 pointwise kernels, on the Vector API ({@link VectorPointwise}) or without it ({@link ScalarPointwise},
 * the same bits), called by
 * {@link F32Kernels}, which splits them among its threads by the row or column ranges they take.
 */
interface Pointwise {

    void tanhInPlace(float[] a, int off, int length);

    void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dpre, int dpreOff, int length);

    void addRowVector(int m, int n, float[] c, int cOff, float[] bias);

    /** Adds the rows of the {@code m x n} matrix at {@code aOff} to {@code out}, columns {@code j0..j1-1} only. */
    void sumRowsAccumulate(int m, int n, int j0, int j1, float[] a, int aOff, float[] out);

    void lstmBackward(int r0, int r1, int hidden, float[] gates, int gOff, float[] tanhCells, int tcOff,
                      float[] cells, int cPrevOff, float[] dh, float[] dCell, float[] dGates);

    void gruBackward(int r0, int r1, int hidden, float[] gates, int gOff, float[] hiddenN, int hnOff, float[] states,
                     int prevOff, float[] dh, float[] dGx, float[] dGh, float[] dPrevDirect);

    void gruForward(int r0, int r1, int hidden, float[] xGates, int gOff, float[] hGates, float[] gates,
                    float[] hiddenN, int hnOff, float[] states, int prevOff, int curOff);

    void lstmForward(int r0, int r1, int hidden, float[] xGates, int gOff, float[] hGates, float[] gates, float[] cells,
                     int cPrevOff, int cOff, float[] tanhCells, int tcOff, float[] states);

    /** The Vector API implementation, or {@link ScalarPointwise} (the same bits) when the module is absent. */
    static Pointwise load() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new ScalarPointwise();
        }
        try {
            return (Pointwise) Class.forName("dev.rnnlab.engine.bptt.math.VectorPointwise").getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return new ScalarPointwise();
        }
    }
}
