package dev.rnnlab.engine.api.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor: row-major values (held as double, which represents every float32 exactly) and the
 * dtype it is stored in.
 */
public record Tensor(String name, DType dtype, int[] shape, double[] values) {

    /** Storage types; values of an F32 tensor are exactly representable as float. */
    public enum DType { F32, F64 }

    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + n
                    + " values, got " + values.length);
        }
        if (dtype == DType.F32) {
            for (double v : values) {
                if ((double) (float) v != v && !Double.isNaN(v)) {
                    throw new IllegalArgumentException(name + ": value " + v + " is not a float32");
                }
            }
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + dtype + " " + Arrays.toString(shape) + "]";
    }
}
