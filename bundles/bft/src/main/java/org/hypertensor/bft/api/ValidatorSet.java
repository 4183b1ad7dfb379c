package org.hypertensor.bft.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;

/**
 * The validators of one height, sorted by key, with their voting power and proposer priority.
 * Immutable. Quorums are in integer arithmetic: more than 2/3 of the power is {@code 3 × power > 2 ×
 * total}, more than 1/3 (the paper's f+1) is {@code 3 × power > total}.
 *
 * <p>Proposer selection is Tendermint's proposer priority, a deterministic weighted round-robin: each
 * step adds every validator's power to its priority, the highest priority (ties: the smaller key)
 * proposes and loses the total power. Over {@code total} steps each validator proposes exactly
 * {@code power} times. The proposer of round {@code r} is the one chosen by the {@code r + 1}-th step
 * from this set's priorities; {@link #nextHeight()} is the set after one step, so the rotation moves
 * once per height whatever the round the height ended in. The ledger keeps the set of each height (with
 * its priorities, {@link #encode()}) in chain state.
 */
public final class ValidatorSet {

    /** Bound of the total power, so that priorities and {@code 3 × power} never overflow a long. */
    public static final long MAX_TOTAL_POWER = Long.MAX_VALUE / 8;

    /** Bound of the number of validators. */
    public static final int MAX_VALIDATORS = 10_000;

    private final ValidatorKey[] keys;
    private final long[] powers;
    private final long[] priorities;
    private final long total;

    private ValidatorSet(ValidatorKey[] keys, long[] powers, long[] priorities) {
        this.keys = keys;
        this.powers = powers;
        this.priorities = priorities;
        long sum = 0;
        for (long p : powers) {
            sum += p;
            if (sum > MAX_TOTAL_POWER) {
                throw new IllegalArgumentException("total voting power exceeds " + MAX_TOTAL_POWER);
            }
        }
        this.total = sum;
    }

    /**
     * The set of these validators (any order; sorted here by key), all priorities zero (a genesis set).
     *
     * @throws IllegalArgumentException for an empty list, a duplicate key or a total power above the bound
     */
    public static ValidatorSet of(List<Validator> validators) {
        return withPriorities(validators, new long[validators.size()]);
    }

    private static ValidatorSet withPriorities(List<Validator> validators, long[] priorities) {
        if (validators.isEmpty() || validators.size() > MAX_VALIDATORS) {
            throw new IllegalArgumentException(
                    "a validator set has 1 to " + MAX_VALIDATORS + " validators, got " + validators.size());
        }
        Integer[] order = new Integer[validators.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                (a, b) -> validators.get(a).key().compareTo(validators.get(b).key()));
        ValidatorKey[] keys = new ValidatorKey[order.length];
        long[] powers = new long[order.length];
        long[] sortedPriorities = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            Validator v = validators.get(order[i]);
            if (i > 0 && v.key().equals(keys[i - 1])) {
                throw new IllegalArgumentException("validator " + v.key().address() + " is listed twice");
            }
            keys[i] = v.key();
            powers[i] = v.power();
            sortedPriorities[i] = priorities[order[i]];
        }
        return new ValidatorSet(keys, powers, sortedPriorities);
    }

    /** Number of validators. */
    public int size() {
        return keys.length;
    }

    /** The validator at {@code index} (0 ≤ index < size, in key order). */
    public Validator get(int index) {
        return new Validator(keys[index], powers[index]);
    }

    /** The key at {@code index}. */
    public ValidatorKey key(int index) {
        return keys[index];
    }

    /** The power at {@code index}. */
    public long power(int index) {
        return powers[index];
    }

    /** The proposer priority at {@code index}. */
    public long priority(int index) {
        return priorities[index];
    }

    /** The validators in key order. */
    public List<Validator> validators() {
        List<Validator> out = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            out.add(get(i));
        }
        return List.copyOf(out);
    }

    /** The index of {@code key}, or −1 if it is not a validator. */
    public int indexOf(ValidatorKey key) {
        int i = Arrays.binarySearch(keys, key);
        return i >= 0 ? i : -1;
    }

    /** Whether {@code key} is a validator. */
    public boolean contains(ValidatorKey key) {
        return indexOf(key) >= 0;
    }

    /** The sum of the voting powers. */
    public long totalPower() {
        return total;
    }

    /** Whether {@code power} is more than 2/3 of the total: {@code 3 × power > 2 × total}. */
    public boolean isQuorum(long power) {
        return 3 * power > 2 * total;
    }

    /** Whether {@code power} is more than 1/3 of the total (at least one honest validator among them). */
    public boolean exceedsOneThird(long power) {
        return 3 * power > total;
    }

    /** The proposer of round {@code round} of the height of this set. */
    public ValidatorKey proposer(int round) {
        if (round < 0) {
            throw new IllegalArgumentException("negative round");
        }
        long[] p = priorities.clone();
        int chosen = -1;
        for (int step = 0; step <= round; step++) {
            chosen = incrementOnce(p);
        }
        return keys[chosen];
    }

    /** The set of the next height, same validators: priorities after one rotation step. */
    public ValidatorSet nextHeight() {
        long[] p = priorities.clone();
        incrementOnce(p);
        return new ValidatorSet(keys, powers, p);
    }

    /**
     * The set with a new membership or new powers, keeping the priorities of those who stay (a new
     * validator starts at {@code −(total + total / 8)} of the new total, as in Tendermint, so it does not
     * propose at once), then centred around zero.
     */
    public ValidatorSet updated(List<Validator> newValidators) {
        long newTotal = 0;
        for (Validator v : newValidators) {
            newTotal += v.power();
            if (newTotal > MAX_TOTAL_POWER) {
                throw new IllegalArgumentException("total voting power exceeds " + MAX_TOTAL_POWER);
            }
        }
        long[] p = new long[newValidators.size()];
        for (int i = 0; i < p.length; i++) {
            int old = indexOf(newValidators.get(i).key());
            p[i] = old >= 0 ? priorities[old] : -(newTotal + newTotal / 8);
        }
        ValidatorSet set = withPriorities(newValidators, p);
        set.rescaleAndCentre(set.priorities);
        return set;
    }

    /** One weighted round-robin step on {@code p} (rescale, centre, add powers, pick, subtract total). */
    private int incrementOnce(long[] p) {
        rescaleAndCentre(p);
        int chosen = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] += powers[i];
            if (p[i] > p[chosen]) {
                chosen = i; // strict: on a tie the smaller key (earlier index) stays
            }
        }
        p[chosen] -= total;
        return chosen;
    }

    /** Keeps priorities within 2 × total of each other and their average at zero (Tendermint's bounds). */
    private void rescaleAndCentre(long[] p) {
        long max = Long.MIN_VALUE;
        long min = Long.MAX_VALUE;
        for (long v : p) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        long diff = max - min;
        long bound = 2 * total;
        if (diff > bound) {
            long ratio = (diff + bound - 1) / bound;
            for (int i = 0; i < p.length; i++) {
                p[i] = p[i] / ratio;
            }
        }
        BigInteger sum = BigInteger.ZERO;
        for (long v : p) {
            sum = sum.add(BigInteger.valueOf(v));
        }
        long average = floorDiv(sum, p.length);
        for (int i = 0; i < p.length; i++) {
            p[i] -= average;
        }
    }

    private static long floorDiv(BigInteger sum, int n) {
        BigInteger[] qr = sum.divideAndRemainder(BigInteger.valueOf(n));
        BigInteger q = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        return q.longValueExact();
    }

    /** Canonical encoding: {@code u32 count, then per validator (key 32, power u64, priority as u64 two's complement)}. */
    public byte[] encode() {
        Encoder encoder = new Encoder(4 + keys.length * 48);
        encoder.u32(keys.length);
        for (int i = 0; i < keys.length; i++) {
            encoder.fixed(keys[i].bytes()).u64(powers[i]).u64(priorities[i]);
        }
        return encoder.toByteArray();
    }

    /**
     * Decodes {@link #encode()}, strictly (keys in increasing order, powers in range, no trailing bytes).
     *
     * @throws DecodeException for malformed bytes
     */
    public static ValidatorSet decode(byte[] bytes) {
        Decoder decoder = new Decoder(bytes);
        long count = decoder.u32();
        if (count < 1 || count > MAX_VALIDATORS) {
            throw new DecodeException("validator count " + count + " out of range");
        }
        ValidatorKey[] keys = new ValidatorKey[(int) count];
        long[] powers = new long[keys.length];
        long[] priorities = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ValidatorKey.of(decoder.fixed(32));
            powers[i] = decoder.u64();
            priorities[i] = decoder.u64();
            if (i > 0 && keys[i].compareTo(keys[i - 1]) <= 0) {
                throw new DecodeException("validator keys not in increasing order");
            }
            if (powers[i] < 1 || powers[i] > MAX_TOTAL_POWER) {
                throw new DecodeException("voting power out of range");
            }
            if (priorities[i] > 2 * MAX_TOTAL_POWER || priorities[i] < -2 * MAX_TOTAL_POWER) {
                throw new DecodeException("proposer priority out of range");
            }
        }
        decoder.finish();
        try {
            return new ValidatorSet(keys, powers, priorities);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidatorSet other
                && Arrays.equals(keys, other.keys)
                && Arrays.equals(powers, other.powers)
                && Arrays.equals(priorities, other.priorities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(powers) * 31 + Arrays.hashCode(keys);
    }

    @Override
    public String toString() {
        return "ValidatorSet[" + keys.length + " validators, total power " + total + "]";
    }
}
