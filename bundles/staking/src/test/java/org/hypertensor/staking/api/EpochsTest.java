package org.hypertensor.staking.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class EpochsTest {

    @Test
    void eligibleBlock() {
        assertEquals(20, Epochs.eligibleBlock(0, 2, 10));
        assertEquals(30, Epochs.eligibleBlock(15, 2, 10));
        assertEquals(30, Epochs.eligibleBlock(19, 2, 10));
        assertEquals(40, Epochs.eligibleBlock(20, 2, 10));
    }

    @Test
    void windows() {
        // EpochLength 10, ExitWindowBp 2000: exit window r = 2..2, submissions r = 3..9
        assertFalse(Epochs.inExitWindow(10, 10, 2000));
        assertFalse(Epochs.inExitWindow(11, 10, 2000));
        assertTrue(Epochs.inExitWindow(12, 10, 2000));
        assertFalse(Epochs.inExitWindow(13, 10, 2000));
        assertFalse(Epochs.inSubmissionWindow(12, 10, 2000));
        assertTrue(Epochs.inSubmissionWindow(13, 10, 2000));
        assertTrue(Epochs.inSubmissionWindow(19, 10, 2000));
        assertFalse(Epochs.inSubmissionWindow(20, 10, 2000));
        // public defaults: EpochLength 100 → exit window r = 2..20, submissions 21..99
        assertTrue(Epochs.inExitWindow(120, 100, 2000));
        assertTrue(Epochs.inSubmissionWindow(121, 100, 2000));
    }

    @Test
    void nodeClasses() {
        SubnetNode n = new SubnetNode(1, new byte[32], "p", "/ip4/1.1.1.1/tcp/1", BigInteger.ONE, 15, 20, 30);
        assertEquals(NodeClass.REGISTERED, n.classAt(19));
        assertEquals(NodeClass.INCLUDED, n.classAt(20));
        assertEquals(NodeClass.SUBMITTABLE, n.classAt(30));
    }

    @Test
    void stateKeysOrderNumerically() {
        byte[] a = StateKey.of("x").u32(2).build();
        byte[] b = StateKey.of("x").u32(256).build();
        assertTrue(java.util.Arrays.compareUnsigned(a, b) < 0);
        assertEquals(256, StateKey.readU32(b, 2));
        assertEquals(1L << 40, StateKey.readU64(StateKey.of("y").u64(1L << 40).build(), 2));
    }
}
