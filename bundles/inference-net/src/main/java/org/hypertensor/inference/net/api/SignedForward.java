package org.hypertensor.inference.net.api;

import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.Tensor;

/**
 * A forward answered and signed by {@code server}: its output, and its signature over (request hash, output hash,
 * epoch) — evidence a third party can check with {@link #signatureValid()} and {@link ForwardDigests}.
 *
 * @param requestHash {@link ForwardDigests#requestHash} of what was sent
 * @param outputHash {@link ForwardDigests#outputHash} of {@code output}
 */
public record SignedForward(
        PeerId server,
        String model,
        BlockRange blocks,
        long epoch,
        byte[] requestHash,
        byte[] outputHash,
        byte[] signature,
        Tensor output) {

    public SignedForward {
        requestHash = requestHash.clone();
        outputHash = outputHash.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] requestHash() {
        return requestHash.clone();
    }

    @Override
    public byte[] outputHash() {
        return outputHash.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Whether the signature is the server's over this record's hashes and epoch. */
    public boolean signatureValid() {
        return ForwardDigests.verify(server, requestHash, outputHash, epoch, signature);
    }
}
