package org.hypertensor.bft.api;

import java.util.Objects;
import org.hypertensor.crypto.api.Signer;

/**
 * What a {@link ConsensusMachine} is made of.
 *
 * @param chainId the genesis hash: every signature is for this chain only
 * @param signer the validator's key, or {@code null} for a node that follows without voting
 * @param application builds and checks blocks
 * @param timeouts the round timeouts
 * @param lastSigned the double-sign guard's last record ({@link SignGuard#last()}), or {@code null}
 */
public record MachineConfig(
        BlockHash chainId, Signer signer, Application application, Timeouts timeouts, SignRecord lastSigned) {

    public MachineConfig {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(timeouts, "timeouts");
    }
}
