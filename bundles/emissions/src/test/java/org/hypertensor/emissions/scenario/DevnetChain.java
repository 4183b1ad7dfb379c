package org.hypertensor.emissions.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.devnet.scorer.internal.ScorePlanner;
import org.hypertensor.emissions.internal.module.EmissionsModule;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.scoring.internal.module.ScoringModule;
import org.hypertensor.staking.internal.module.StakingModule;

/** The repository's devnet chain spec ({@code config/etc/chain-devnet.json}) on a real LocalChain. */
final class DevnetChain {

    static final List<String> KEYS = List.of("//Alice", "//Bob", "//Charlie");

    private DevnetChain() {}

    static LocalChain open(Path dir) throws Exception {
        String spec = Files.readString(Path.of("../../config/etc/chain-devnet.json"));
        return LocalChain.builder()
                .spec(spec)
                .modules(new StakingModule(), new ScoringModule(), new EmissionsModule())
                .directory(dir)
                .open();
    }

    /** A planner for //Alice, //Bob, //Charlie with score 10000, as the shipped devnet scorer config. */
    static ScorePlanner planner() {
        return new ScorePlanner(KEYS.stream().map(DevKeys::derive).toList(), 10_000);
    }

    /**
     * One step of the devnet scorer: plans on the head, pools what is due, produces the next block.
     *
     * @return the epoch scored in this step and the hashes pooled, if any
     */
    static Optional<Step> step(LocalChain chain, ScorePlanner planner) {
        Optional<ScorePlanner.Round> round = chain.query(planner::plan);
        List<byte[]> hashes = round.map(r -> r.submissions().stream()
                        .map(p -> {
                            try {
                                return chain.submit(p.key(), p.call());
                            } catch (Exception e) {
                                throw new IllegalStateException(e.getMessage(), e);
                            }
                        })
                        .toList())
                .orElse(List.of());
        chain.produceBlock();
        chain.assertInvariants();
        return round.map(r -> new Step(r.epoch(), hashes));
    }

    record Step(long epoch, List<byte[]> hashes) {}
}
