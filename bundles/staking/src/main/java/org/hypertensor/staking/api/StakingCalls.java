package org.hypertensor.staking.api;

import java.math.BigInteger;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.tx.Call;

/**
 * The staking module's calls with their canonical arguments, for clients (shell, RPC, tests). Module name
 * {@value #MODULE}.
 */
public final class StakingCalls {

    public static final String MODULE = "staking";

    private StakingCalls() {}

    /** Root (sudo): allows a subnet of this name to be registered. */
    public static Call activateSubnet(String name) {
        return new Call(MODULE, "activate_subnet", new Encoder().text(name).toByteArray());
    }

    /** Root (sudo): withdraws the activation; the subnet may then be removed by anyone. */
    public static Call deactivateSubnet(String name) {
        return new Call(MODULE, "deactivate_subnet", new Encoder().text(name).toByteArray());
    }

    public static Call registerSubnet(String name, String model) {
        return new Call(
                MODULE, "register_subnet", new Encoder().text(name).text(model).toByteArray());
    }

    public static Call removeSubnet(long id) {
        return new Call(MODULE, "remove_subnet", new Encoder().u32(id).toByteArray());
    }

    public static Call registerNode(long subnet, String peerId, String multiaddr, BigInteger stake) {
        return new Call(
                MODULE,
                "register_node",
                new Encoder()
                        .u32(subnet)
                        .text(peerId)
                        .text(multiaddr)
                        .u128(stake)
                        .toByteArray());
    }

    public static Call addStake(long subnet, BigInteger amount) {
        return new Call(
                MODULE, "add_stake", new Encoder().u32(subnet).u128(amount).toByteArray());
    }

    public static Call removeStake(long subnet, BigInteger amount) {
        return new Call(
                MODULE, "remove_stake", new Encoder().u32(subnet).u128(amount).toByteArray());
    }

    /** {@code null} leaves a field as it is. */
    public static Call updateNode(long subnet, String peerId, String multiaddr) {
        return new Call(
                MODULE,
                "update_node",
                new Encoder()
                        .u32(subnet)
                        .option(peerId, Encoder::text)
                        .option(multiaddr, Encoder::text)
                        .toByteArray());
    }

    public static Call deregisterNode(long subnet) {
        return new Call(MODULE, "deregister_node", new Encoder().u32(subnet).toByteArray());
    }
}
