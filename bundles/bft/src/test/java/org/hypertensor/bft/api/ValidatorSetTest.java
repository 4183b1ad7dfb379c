package org.hypertensor.bft.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.junit.jupiter.api.Test;

class ValidatorSetTest {

    static List<Validator> validators(long... powers) {
        List<Validator> out = new ArrayList<>();
        for (int i = 0; i < powers.length; i++) {
            out.add(new Validator(ValidatorKey.of(DevKeys.derive("//Set" + i).publicKey()), powers[i]));
        }
        return out;
    }

    @Test
    void quorumsAreStrictIntegerThirds() {
        ValidatorSet four = ValidatorSet.of(validators(1, 1, 1, 1));
        assertTrue(four.isQuorum(3));
        assertFalse(four.isQuorum(2));
        assertTrue(four.exceedsOneThird(2));
        assertFalse(four.exceedsOneThird(1));
        ValidatorSet three = ValidatorSet.of(validators(1, 1, 1));
        assertFalse(three.isQuorum(2), "exactly 2/3 is not a quorum");
        assertTrue(three.isQuorum(3));
        assertFalse(three.exceedsOneThird(1), "exactly 1/3 is not more than 1/3");
        ValidatorSet big = ValidatorSet.of(validators(ValidatorSet.MAX_TOTAL_POWER - 2, 1, 1));
        assertTrue(big.isQuorum(ValidatorSet.MAX_TOTAL_POWER - 2), "no overflow at the bound");
    }

    @Test
    void proposersRotateInProportionToPowerOverHeightsAndRounds() {
        long[] powers = {1, 2, 3, 4, 10};
        ValidatorSet set = ValidatorSet.of(validators(powers));
        long total = set.totalPower();
        TreeMap<ValidatorKey, Integer> byHeight = new TreeMap<>();
        ValidatorSet at = set;
        for (int h = 0; h < 3 * total; h++) {
            byHeight.merge(at.proposer(0), 1, Integer::sum);
            at = at.nextHeight();
        }
        TreeMap<ValidatorKey, Integer> byRound = new TreeMap<>();
        for (int r = 0; r < total; r++) {
            byRound.merge(set.proposer(r), 1, Integer::sum);
        }
        for (int i = 0; i < set.size(); i++) {
            assertEquals(3 * set.power(i), (long) byHeight.get(set.key(i)), "per height, validator " + i);
            assertEquals(set.power(i), (long) byRound.get(set.key(i)), "per round, validator " + i);
        }
        assertEquals(set.proposer(1), set.nextHeight().proposer(0), "the next height starts one step on");
    }

    @Test
    void theOrderOfTheInputDoesNotMatter() {
        List<Validator> list = validators(5, 1, 7, 2);
        List<Validator> shuffled = new ArrayList<>(list);
        Collections.reverse(shuffled);
        ValidatorSet a = ValidatorSet.of(list);
        ValidatorSet b = ValidatorSet.of(shuffled);
        assertEquals(a, b);
        for (int r = 0; r < 20; r++) {
            assertEquals(a.proposer(r), b.proposer(r));
        }
    }

    @Test
    void encodingRoundTripsWithPriorities() {
        ValidatorSet set = ValidatorSet.of(validators(5, 1, 7, 2)).nextHeight().nextHeight();
        ValidatorSet decoded = ValidatorSet.decode(set.encode());
        assertEquals(set, decoded);
        assertEquals(set.nextHeight().proposer(3), decoded.nextHeight().proposer(3));
        byte[] bytes = set.encode();
        assertThrows(DecodeException.class, () -> ValidatorSet.decode(java.util.Arrays.copyOf(bytes, 10)));
        byte[] swapped = bytes.clone(); // swap the first two entries: keys out of order
        System.arraycopy(bytes, 4, swapped, 4 + 48, 48);
        System.arraycopy(bytes, 4 + 48, swapped, 4, 48);
        assertThrows(DecodeException.class, () -> ValidatorSet.decode(swapped));
    }

    @Test
    void badSetsAreRefused() {
        List<Validator> twice = new ArrayList<>(validators(1, 2));
        twice.add(twice.get(0));
        assertThrows(IllegalArgumentException.class, () -> ValidatorSet.of(twice));
        assertThrows(IllegalArgumentException.class, () -> ValidatorSet.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> validators(0));
        assertThrows(
                IllegalArgumentException.class, () -> ValidatorSet.of(validators(ValidatorSet.MAX_TOTAL_POWER, 1)));
    }

    @Test
    void aNewValidatorWaitsItsTurn() {
        ValidatorSet set = ValidatorSet.of(validators(1, 1, 1));
        List<Validator> more = new ArrayList<>(set.validators());
        Validator newcomer =
                new Validator(ValidatorKey.of(DevKeys.derive("//Newcomer").publicKey()), 1);
        more.add(newcomer);
        ValidatorSet updated = set.updated(more);
        assertEquals(4, updated.size());
        assertNotEquals(newcomer.key(), updated.proposer(0), "not at once");
        TreeMap<ValidatorKey, Integer> counts = new TreeMap<>();
        ValidatorSet at = updated;
        for (int h = 0; h < 40; h++) {
            counts.merge(at.proposer(0), 1, Integer::sum);
            at = at.nextHeight();
        }
        assertTrue(counts.get(newcomer.key()) >= 9, "then its share: " + counts);
        ValidatorSet fewer = updated.updated(more.subList(1, 4));
        assertEquals(3, fewer.size());
        assertFalse(fewer.contains(more.get(0).key()));
    }
}
