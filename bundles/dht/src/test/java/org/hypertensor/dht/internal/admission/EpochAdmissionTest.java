package org.hypertensor.dht.internal.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.p2p.api.PeerId;
import org.junit.jupiter.api.Test;

class EpochAdmissionTest {

    private static PeerId peer() {
        return PeerId.fromEd25519(Ed25519KeyPair.generate(new SecureRandom()).publicKey());
    }

    @Test
    void answersAreCachedPerEpochAndPeersThatLoseStakeAreEvicted() {
        PeerId staked = peer();
        PeerId leaving = peer();
        PeerId unstaked = peer();
        Set<String> registry = ConcurrentHashMap.newKeySet();
        registry.add(staked.toBase58());
        registry.add(leaving.toBase58());
        AtomicInteger asked = new AtomicInteger();
        EpochAdmission admission = new EpochAdmission(false);
        admission.setLookup(
                id -> {
                    asked.incrementAndGet();
                    return registry.contains(id) ? Optional.of(7L) : Optional.empty();
                },
                4);

        assertTrue(admission.check(staked).admitted());
        assertEquals("staked node of subnet 7", admission.check(staked).reason());
        assertFalse(admission.check(unstaked).admitted());
        assertTrue(admission.check(unstaked).reason().contains("not a node with stake"));
        assertTrue(admission.check(leaving).admitted());
        assertEquals(3, asked.get(), "each peer asked once in the epoch");

        registry.remove(leaving.toBase58()); // deregistered on chain during epoch 4
        assertTrue(admission.check(leaving).admitted(), "still cached until the epoch ends");
        assertEquals(List.of(), admission.newEpoch(4, List.of(staked, leaving)), "same epoch: nothing re-checked");
        assertEquals(List.of(leaving), admission.newEpoch(5, List.of(staked, leaving)));
        assertFalse(admission.check(leaving).admitted());
        assertEquals(5, admission.epoch());
    }

    @Test
    void withoutAChainNobodyIsAdmittedUnlessAdmissionIsOpen() {
        EpochAdmission stake = new EpochAdmission(false);
        assertFalse(stake.check(peer()).admitted());
        assertEquals("no chain to check stake against", stake.check(peer()).reason());
        assertTrue(new EpochAdmission(true).check(peer()).admitted());
        stake.setLookup(
                id -> {
                    throw new IllegalStateException("no module offers StakingRuntime");
                },
                1);
        assertTrue(stake.check(peer()).reason().startsWith("stake check failed"));
    }
}
