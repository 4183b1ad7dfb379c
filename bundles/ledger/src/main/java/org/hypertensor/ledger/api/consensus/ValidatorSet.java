package org.hypertensor.ledger.api.consensus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The validators of one height, sorted by account bytes (one order on every node). Finality needs the
 * precommits of more than two thirds of {@link #totalPower()}.
 */
public record ValidatorSet(List<Validator> validators) {

    public ValidatorSet {
        List<Validator> sorted = new ArrayList<>(validators);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.account(), b.account()));
        for (int i = 1; i < sorted.size(); i++) {
            if (Arrays.equals(sorted.get(i - 1).account(), sorted.get(i).account())) {
                throw new IllegalArgumentException("a validator is listed twice");
            }
        }
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("a validator set is not empty");
        }
        validators = List.copyOf(sorted);
    }

    public long totalPower() {
        long sum = 0;
        for (Validator v : validators) {
            sum = Math.addExact(sum, v.power());
        }
        return sum;
    }

    /** Whether {@code power} is more than two thirds of the total (integer arithmetic: 3·power > 2·total). */
    public boolean isQuorum(long power) {
        return Math.multiplyExact(3L, power) > Math.multiplyExact(2L, totalPower());
    }

    public Optional<Validator> find(byte[] account) {
        return validators.stream()
                .filter(v -> Arrays.equals(v.account(), account))
                .findFirst();
    }

    public boolean contains(byte[] account) {
        return find(account).isPresent();
    }

    public int size() {
        return validators.size();
    }
}
