package org.hypertensor.staking.api;

/**
 * A registered subnet. {@code activated}: its name is still activated by governance (a deactivated subnet
 * may be removed by anyone); {@code errors}: epoch errors counted by consensus and emissions.
 */
public record Subnet(
        long id,
        String name,
        String model,
        long registeredAt,
        byte[] owner,
        long errors,
        boolean activated,
        long submitFrom) {}
