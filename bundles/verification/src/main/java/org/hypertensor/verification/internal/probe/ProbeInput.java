package org.hypertensor.verification.internal.probe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.Tensor;

/**
 * The probe input for a target in an epoch: hidden states {@code [1, tokens, hidden]} with values in [-1, 1),
 * drawn from a {@link SplittableRandom} (its algorithm is fixed by the JDK's specification) seeded by
 * BLAKE2b-256("hypertensor/probe/1", epoch, target peer id). Every prober computes the same input for the same
 * (epoch, target); the target cannot know it before the epoch, and it changes every epoch.
 */
public final class ProbeInput {

    private static final byte[] DOMAIN = "hypertensor/probe/1".getBytes(StandardCharsets.UTF_8);

    private ProbeInput() {}

    public static Tensor of(long epoch, PeerId target, int tokens, int hidden) {
        if (tokens < 1 || hidden < 1) {
            throw new IllegalArgumentException("a probe needs tokens >= 1 and hidden >= 1");
        }
        byte[] seed =
                Hashes.blake2b256(DOMAIN, ByteBuffer.allocate(8).putLong(epoch).array(), target.toBytes());
        SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(seed).getLong());
        float[] values = new float[tokens * hidden];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return Tensor.wrap(values, 1, tokens, hidden);
    }
}
