package org.hypertensor.emissions.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.emissions.api.EmissionsQueries;
import org.hypertensor.emissions.api.EpochPayout;
import org.hypertensor.emissions.api.NodeReward;
import org.hypertensor.emissions.internal.query.EmissionsQueryService;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.ledger.internal.osgi.LedgerService;
import org.hypertensor.scoring.api.EpochStatus;
import org.hypertensor.scoring.api.ScoringRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's devnet spec with its three nodes submitting one round of three score sets per epoch from
 * epoch 2 ({@link DevnetChain#step}): every epoch in consensus and paid from epoch 2 (first payout at block 31).
 */
class DevnetEpochsScenarioTest {

    @TempDir
    Path dir;

    @Test
    void devnetIsPaidEveryEpochFromEpochTwo() throws Exception {
        try (LocalChain chain = DevnetChain.open(dir)) {
            EmissionsQueries emissions = new EmissionsQueryService(new LedgerService(chain.chain(), () -> "test"));
            List<Long> scoredEpochs = new ArrayList<>();
            BigInteger vaultBeforePayoutBlock = BigInteger.ZERO;
            int payouts = 0;
            while (chain.head().number() < 61) {
                long next = chain.head().number() + 1;
                if (next % 10 == 1 && next > 10) {
                    vaultBeforePayoutBlock = chain.supply().vault();
                }
                Optional<DevnetChain.Step> step = DevnetChain.step(chain);
                if (step.isPresent()) {
                    scoredEpochs.add(step.get().epoch());
                    assertEquals(3, step.get().hashes().size());
                    for (byte[] h : step.get().hashes()) {
                        Receipt r = chain.receipt(h);
                        assertTrue(r.success(), () -> r.error() + ": " + r.message());
                        assertEquals(3, next % 10, "scored at the first block of the submission window");
                    }
                }
                if (next < 31) {
                    assertTrue(
                            emissions.lastPayout().isEmpty()
                                    || emissions.lastPayout().get().subnets().isEmpty(),
                            "nothing is paid before block 31");
                }
                if (next % 10 == 1 && next >= 31) {
                    long epoch = next / 10 - 1;
                    var result = chain.query(
                                    c -> c.runtime(ScoringRuntime.class).result(1, epoch))
                            .orElseThrow();
                    assertEquals(
                            EpochStatus.CONSENSUS,
                            result.status(),
                            result.notes().toString());
                    result.nodes()
                            .forEach(n ->
                                    assertEquals(0, n.penalties(), n.reasons().toString()));
                    EpochPayout p = emissions.lastPayout().orElseThrow();
                    assertEquals(epoch, p.epoch());
                    assertEquals(next, p.block());
                    assertTrue(p.paid().signum() > 0, "epoch " + epoch + " pays rewards");
                    assertEquals(p.vaultAfter(), chain.supply().vault(), "the vault is what the payout left");
                    assertTrue(p.vaultBefore().compareTo(vaultBeforePayoutBlock) >= 0);
                    List<NodeReward> rewards = p.subnets().get(0).nodes();
                    assertEquals(3, rewards.size());
                    assertEquals(
                            p.paid(),
                            rewards.stream().map(NodeReward::reward).reduce(BigInteger.ZERO, BigInteger::add));
                    // equal stake and equal scores: equal rewards
                    assertEquals(
                            1,
                            rewards.stream().map(NodeReward::reward).distinct().count());
                    payouts++;
                }
            }
            assertEquals(List.of(2L, 3L, 4L, 5L), scoredEpochs, "one round per epoch, from epoch 2");
            assertEquals(4, payouts, "epochs 2..5 paid at blocks 31, 41, 51, 61");
            BigInteger aliceStake =
                    chain.account(DevKeys.derive("//Alice").publicKey()).reserved();
            assertTrue(
                    aliceStake.compareTo(new BigInteger("1000000000000000000000")) > 0,
                    "rewards compounded into stake");
        }
    }
}
