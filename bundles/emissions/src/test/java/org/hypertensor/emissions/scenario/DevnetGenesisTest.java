package org.hypertensor.emissions.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.emissions.api.EmissionsRuntime;
import org.hypertensor.emissions.internal.module.EmissionsModule;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.scoring.api.EpochStatus;
import org.hypertensor.scoring.api.ScoreEntry;
import org.hypertensor.scoring.api.ScoringCalls;
import org.hypertensor.scoring.api.ScoringRuntime;
import org.hypertensor.scoring.internal.module.ScoringModule;
import org.hypertensor.staking.api.StakingRuntime;
import org.hypertensor.staking.api.SubnetNode;
import org.hypertensor.staking.internal.module.StakingModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's devnet chain spec with this module set's genesis section (what the lead merges): one subnet
 * of //Alice, //Bob, //Charlie; scores from epoch 2, so the first payout is at block 31.
 */
class DevnetGenesisTest {

    @TempDir
    Path dir;

    @Test
    void devnetRunsEpochsFromTheStart() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode spec = (ObjectNode) json.readTree(Files.readString(Path.of("../../config/etc/chain-devnet.json")));
        ObjectNode extra;
        try (InputStream in = getClass().getResourceAsStream("/devnet-chain-modules.json")) {
            extra = (ObjectNode) json.readTree(in);
        }
        ArrayNode modules = (ArrayNode) spec.get("modules");
        if (modules.findValuesAsText("name").stream().noneMatch("staking"::equals)) {
            modules.addAll((ArrayNode) extra.get("modules"));
        }
        ((ObjectNode) spec.get("genesis")).set("staking", extra.get("genesis").get("staking"));
        try (LocalChain chain = LocalChain.builder()
                .spec(json.writeValueAsString(spec))
                .modules(new StakingModule(), new ScoringModule(), new EmissionsModule())
                .directory(dir)
                .open()) {
            List<SubnetNode> nodes =
                    chain.query(c -> c.runtime(StakingRuntime.class).nodes(1));
            assertEquals(3, nodes.size());
            chain.produceBlocks(22);
            for (String who : List.of("//Alice", "//Bob", "//Charlie")) {
                chain.submit(
                        DevKeys.derive(who),
                        ScoringCalls.submitScores(
                                1,
                                nodes.stream()
                                        .map(n -> new ScoreEntry(n.peerId(), 5000))
                                        .toList()));
            }
            chain.produceBlocks(9);
            chain.assertInvariants();
            var result = chain.query(c -> c.runtime(ScoringRuntime.class).result(1, 2))
                    .orElseThrow();
            assertEquals(EpochStatus.CONSENSUS, result.status(), result.notes().toString());
            var payout = chain.query(c -> c.runtime(EmissionsRuntime.class).payout(2))
                    .orElseThrow();
            assertEquals(3, payout.subnets().get(0).nodes().size());
            assertTrue(payout.paid().signum() > 0);
        }
    }
}
