package org.hypertensor.emissions.scenario;

import static org.hypertensor.emissions.scenario.TestNetwork.SUBNET;
import static org.hypertensor.emissions.scenario.TestNetwork.TENSOR;
import static org.hypertensor.emissions.scenario.TestNetwork.key;
import static org.hypertensor.emissions.scenario.TestNetwork.peer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.staking.api.NodeClass;
import org.hypertensor.staking.api.StakingCalls;
import org.hypertensor.staking.api.SubnetNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every staking call's rules, each failure with its named error in the receipt (fee kept, state unchanged). */
class StakingCallsTest {

    @TempDir
    Path dir;

    private static BigInteger tensor(long n) {
        return TENSOR.multiply(BigInteger.valueOf(n));
    }

    private static void assertError(String error, Receipt r) {
        assertEquals(error, r.error(), () -> "expected " + error + ", got " + r.error() + ": " + r.message());
        assertTrue(r.fee().signum() > 0);
    }

    @Test
    void subnetLifecycle() throws Exception {
        try (TestNetwork net =
                TestNetwork.open(dir, 3, 3, Map.of("SubnetRegistrationFeePerNode", "28 TENSOR", "MaxSubnets", 2))) {
            net.produceTo(10); // the 3 genesis nodes are included from block 10
            assertError("SubnetNotActivated", net.run(key(3), StakingCalls.registerSubnet("llama", "sha256:ab")));
            assertError("BadOrigin", net.run(key(3), StakingCalls.activateSubnet("llama")));
            assertError("InvalidSubnetName", net.sudo(StakingCalls.activateSubnet("Bad Name")));
            TestNetwork.assertSuccess(net.sudo(StakingCalls.activateSubnet("llama")));
            assertError("SubnetAlreadyActivated", net.sudo(StakingCalls.activateSubnet("llama")));
            assertError("InvalidModel", net.run(key(3), StakingCalls.registerSubnet("llama", " ")));
            BigInteger free = net.chain().account(key(3).publicKey()).free();
            BigInteger vault = net.vault();
            Receipt ok = net.run(key(3), StakingCalls.registerSubnet("llama", "sha256:ab"));
            TestNetwork.assertSuccess(ok);
            // fee: 28 TENSOR × 3 inclusion-eligible nodes, into the vault
            assertEquals(
                    free.subtract(tensor(84)).subtract(ok.fee()),
                    net.chain().account(key(3).publicKey()).free());
            assertTrue(net.vault().subtract(vault).compareTo(tensor(84)) >= 0);
            assertEquals("llama", net.staking(s -> s.subnet(2).orElseThrow().name()));
            assertError("SubnetNameTaken", net.run(key(4), StakingCalls.registerSubnet("llama", "x")));
            TestNetwork.assertSuccess(net.sudo(StakingCalls.activateSubnet("third")));
            assertError("TooManySubnets", net.run(key(4), StakingCalls.registerSubnet("third", "x")));
            // removal: refused while activated and young, allowed once deactivated
            assertError("SubnetNotRemovable", net.run(key(4), StakingCalls.removeSubnet(2)));
            assertError("NoSuchSubnet", net.run(key(4), StakingCalls.removeSubnet(9)));
            TestNetwork.assertSuccess(net.sudo(StakingCalls.deactivateSubnet("llama")));
            TestNetwork.assertSuccess(net.run(key(4), StakingCalls.removeSubnet(2)));
            assertTrue(net.staking(s -> s.subnet(2)).isEmpty());
        }
    }

    @Test
    void nodeRegistrationRules() throws Exception {
        try (TestNetwork net = TestNetwork.open(dir, 3, 3, Map.of("MaxNodes", 5))) {
            String addr = "/ip4/127.0.0.1/tcp/4100";
            Call good = StakingCalls.registerNode(SUBNET, peer(3), addr, tensor(1000));
            assertError("NoSuchSubnet", net.run(key(3), StakingCalls.registerNode(7, peer(3), addr, tensor(1000))));
            assertError(
                    "InvalidPeerId",
                    net.run(key(3), StakingCalls.registerNode(SUBNET, "12D3KooWnotapeer", addr, tensor(1000))));
            assertError(
                    "InvalidMultiaddr",
                    net.run(key(3), StakingCalls.registerNode(SUBNET, peer(3), "/ip4/1.2.3/tcp/1", tensor(1000))));
            assertError(
                    "InvalidMultiaddr",
                    net.run(
                            key(3),
                            StakingCalls.registerNode(SUBNET, peer(3), addr + "/p2p/" + peer(4), tensor(1000))));
            assertError(
                    "StakeBelowMinimum",
                    net.run(key(3), StakingCalls.registerNode(SUBNET, peer(3), addr, tensor(999))));
            assertError(
                    "StakeAboveMaximum",
                    net.run(key(3), StakingCalls.registerNode(SUBNET, peer(3), addr, tensor(280_001))));
            assertError("PeerIdTaken", net.run(key(3), StakingCalls.registerNode(SUBNET, peer(0), addr, tensor(1000))));
            assertError(
                    "AlreadyRegistered",
                    net.run(key(0), StakingCalls.registerNode(SUBNET, peer(3), addr, tensor(1000))));
            BigInteger reserved = net.chain().account(key(3).publicKey()).reserved();
            assertEquals(BigInteger.ZERO, reserved, "failed calls reserve nothing");
            long at = net.head() + 1;
            TestNetwork.assertSuccess(net.run(key(3), good));
            SubnetNode n = net.staking(s -> s.node(SUBNET, key(3).publicKey()).orElseThrow());
            assertEquals(at, n.registeredAt());
            assertEquals(tensor(1000), net.chain().account(key(3).publicKey()).reserved());
            assertEquals(NodeClass.REGISTERED, n.classAt(net.head()));
            assertEquals(at - at % 10 + 10, n.includedFrom());
            assertEquals(at - at % 10 + 20, n.submittableFrom());
            TestNetwork.assertSuccess(net.run(
                    key(4), StakingCalls.registerNode(SUBNET, peer(4), "/dns4/n4.example/tcp/1", tensor(1000))));
            assertError("SubnetFull", net.run(key(5), StakingCalls.registerNode(SUBNET, peer(5), addr, tensor(1000))));
            // the pool refuses a stake the sender cannot pay
            TransactionRejected rejected = assertThrows(
                    TransactionRejected.class,
                    () -> net.chain()
                            .submit(
                                    DevKeys.derive("//Nobody"),
                                    StakingCalls.registerNode(SUBNET, peer(5), addr, tensor(1000))));
            assertEquals(TransactionRejected.Reason.INSUFFICIENT_FUNDS, rejected.reason());
            // proof of stake: a registered node with MinStake is admitted
            assertTrue(net.staking(s -> s.proofOfStake(SUBNET, peer(3))).staked());
            assertTrue(!net.staking(s -> s.proofOfStake(SUBNET, peer(5))).staked());
        }
    }

    @Test
    void stakeUpdateAndExit() throws Exception {
        try (TestNetwork net = TestNetwork.open(dir, 3, 1, Map.of())) {
            net.produceTo(11); // next block r = 2 of epoch 1: the exit window (r = 2..2); the nodes are included
            String newPeer = TestNetwork.peerOf("//moved");
            TestNetwork.assertSuccess(net.run(key(0), StakingCalls.updateNode(SUBNET, newPeer, null)));
            assertEquals(
                    newPeer,
                    net.staking(s ->
                            s.node(SUBNET, key(0).publicKey()).orElseThrow().peerId()));
            assertError("NotRegistered", net.run(key(3), StakingCalls.addStake(SUBNET, tensor(1))));
            // r = 4..: outside the exit window for an included node
            assertError(
                    "OutsideExitWindow", net.run(key(1), StakingCalls.updateNode(SUBNET, null, "/ip4/1.1.1.1/tcp/9")));
            assertError("OutsideExitWindow", net.run(key(1), StakingCalls.deregisterNode(SUBNET)));
            assertError("NothingToUpdate", net.run(key(1), StakingCalls.updateNode(SUBNET, null, null)));
            assertError("ZeroAmount", net.run(key(1), StakingCalls.addStake(SUBNET, BigInteger.ZERO)));
            assertError("StakeAboveMaximum", net.run(key(1), StakingCalls.addStake(SUBNET, tensor(279_001))));
            assertError("StakeBelowMinimum", net.run(key(1), StakingCalls.removeStake(SUBNET, tensor(1))));
            assertEquals(19, net.head());
            // blocks 20 and 21 (r = 0, 1: consensus and payout): stake is locked
            assertError("StakeLockedAtBoundary", net.run(key(1), StakingCalls.addStake(SUBNET, tensor(1))));
            assertError("StakeLockedAtBoundary", net.run(key(1), StakingCalls.addStake(SUBNET, tensor(1))));
            // block 22: node 0's old peer id is free again
            TestNetwork.assertSuccess(net.run(
                    key(3),
                    StakingCalls.registerNode(SUBNET, TestNetwork.peer(0), "/ip4/127.0.0.1/tcp/4003", tensor(1000))));
            TestNetwork.assertSuccess(net.run(key(1), StakingCalls.addStake(SUBNET, tensor(10))));
            // block 32 (r = 2): node 1 leaves, all its stake unbonding
            net.produceTo(31);
            BigInteger stake = net.staking(
                    s -> s.node(SUBNET, key(1).publicKey()).orElseThrow().stake());
            assertEquals(tensor(1010), stake);
            TestNetwork.assertSuccess(net.run(key(1), StakingCalls.deregisterNode(SUBNET)));
            assertTrue(net.staking(s -> s.node(SUBNET, key(1).publicKey())).isEmpty());
            assertEquals(stake, net.staking(s -> s.stake(key(1).publicKey())).unbondingTotal());
            // it may come back from eligibleBlock(32, UnbondingEpochs = 2) = 50
            net.produceTo(42);
            assertError(
                    "ReregistrationTooEarly",
                    net.run(
                            key(1),
                            StakingCalls.registerNode(SUBNET, peer(1), "/ip4/127.0.0.1/tcp/4001", tensor(1000))));
            net.produceTo(49);
            TestNetwork.assertSuccess(net.run(
                    key(1), StakingCalls.registerNode(SUBNET, peer(1), "/ip4/127.0.0.1/tcp/4001", tensor(1000))));
        }
    }
}
