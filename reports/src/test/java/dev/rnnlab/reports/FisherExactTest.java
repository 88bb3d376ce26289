package dev.rnnlab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FisherExactTest {

    @Test
    void knownTables() {
        assertEquals(0.1, FisherExact.twoSided(3, 0, 0, 3), 1e-12, "3/3 against 0/3: 2 / C(6, 3)");
        assertEquals(34.0 / 70, FisherExact.twoSided(3, 1, 1, 3), 1e-12, "Fisher's tea tasting: R gives 0.4857");
        assertEquals(0.002759, FisherExact.twoSided(1, 9, 11, 3), 5e-7, "Wikipedia's example: R gives 0.002759");
        assertEquals(1.0, FisherExact.twoSided(0, 3, 0, 3), 1e-12, "nothing diverged on either side");
    }

    @Test
    void theOrderOfRowsAndColumnsDoesNotMatter() {
        double p = FisherExact.twoSided(5, 2, 1, 6);
        assertEquals(p, FisherExact.twoSided(1, 6, 5, 2), 1e-12);
        assertEquals(p, FisherExact.twoSided(2, 5, 6, 1), 1e-12);
    }
}
