package org.hypertensor.p2p.internal.gossip;

import java.util.Arrays;

/** A message id as a map key. */
record MessageId(byte[] bytes) {

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageId m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
