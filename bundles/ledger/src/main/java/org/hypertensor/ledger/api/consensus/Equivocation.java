package org.hypertensor.ledger.api.consensus;

/**
 * What verified equivocation evidence proves: {@code offender} signed two different values at one
 * (height, round, step). The slot identifies the evidence: the ledger refuses a second report of it.
 */
public record Equivocation(byte[] offender, long height, int round, int step) {

    public Equivocation {
        if (offender.length != 32) {
            throw new IllegalArgumentException("an offender is a 32-byte Ed25519 key");
        }
        if (height < 1 || round < 0 || step < 0 || step > 255) {
            throw new IllegalArgumentException(
                    "no such slot: height " + height + ", round " + round + ", step " + step);
        }
        offender = offender.clone();
    }

    @Override
    public byte[] offender() {
        return offender.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Equivocation e
                && java.util.Arrays.equals(offender, e.offender)
                && height == e.height
                && round == e.round
                && step == e.step;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(offender) * 31 + Long.hashCode(height) * 7 + round * 3 + step;
    }

    @Override
    public String toString() {
        return "Equivocation[offender 0x" + java.util.HexFormat.of().formatHex(offender) + ", height " + height
                + ", round " + round + ", step " + step + "]";
    }
}
