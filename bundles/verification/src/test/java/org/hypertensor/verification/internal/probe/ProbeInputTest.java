package org.hypertensor.verification.internal.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.Tensor;
import org.junit.jupiter.api.Test;

/** Probe inputs are a function of (epoch, target) only: equal on every prober, different across epochs and targets. */
class ProbeInputTest {

    static final PeerId A = PeerId.fromEd25519(DevKeys.derive("//N0//p2p").publicKey());
    static final PeerId B = PeerId.fromEd25519(DevKeys.derive("//N1//p2p").publicKey());

    @Test
    void sameEpochAndTargetGiveTheSameInputOnEveryProber() {
        // a prober is any caller: two computations from the text form of the peer id, as two nodes would
        Tensor one = ProbeInput.of(7, PeerId.parse(A.toBase58()), 4, 256);
        Tensor two = ProbeInput.of(7, PeerId.parse(A.toBase58()), 4, 256);
        assertArrayEquals(one.toArray(), two.toArray());
        assertArrayEquals(new int[] {1, 4, 256}, one.shape());
    }

    @Test
    void inputsDifferAcrossEpochsAndTargets() {
        float[] e7 = ProbeInput.of(7, A, 4, 256).toArray();
        assertFalse(Arrays.equals(e7, ProbeInput.of(8, A, 4, 256).toArray()));
        assertFalse(Arrays.equals(e7, ProbeInput.of(7, B, 4, 256).toArray()));
    }

    @Test
    void valuesAreSpreadOverMinusOneToOne() {
        float[] v = ProbeInput.of(3, B, 8, 256).toArray();
        double min = 1;
        double max = -1;
        for (float x : v) {
            assertTrue(x >= -1 && x < 1, "value " + x);
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertTrue(min < -0.9 && max > 0.9, min + " .. " + max);
    }

    @Test
    void aFixedVectorPinsTheAlgorithm() {
        // the first values for (epoch 1, //N0//p2p): any change of the seed or generator is a protocol change
        float[] v = ProbeInput.of(1, A, 1, 4).toArray();
        assertArrayEquals(new float[] {0.43029773f, -0.018789057f, -0.11601808f, 0.5122711f}, v);
    }

    @Test
    void emptyShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProbeInput.of(1, A, 0, 4));
    }
}
