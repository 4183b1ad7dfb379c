package org.hypertensor.emissions.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.emissions.internal.module.EmissionsModule;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.scoring.api.ScoreEntry;
import org.hypertensor.scoring.api.ScoringCalls;
import org.hypertensor.scoring.internal.module.ScoringModule;
import org.hypertensor.staking.api.Epochs;
import org.hypertensor.staking.api.StakingRuntime;
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

    /**
     * One step of the devnet's three nodes as if they scored each other full marks: when the next block is the
     * first of an epoch's submission window (r = 3) from epoch 2 on, pools a {@code submit_scores} of 10,000 for
     * every genesis node from each of //Alice, //Bob, //Charlie; then produces the next block. (On a running
     * devnet the verification bundle's probes submit these.)
     *
     * @return the epoch scored in this step and the hashes pooled, if any
     */
    static Optional<Step> step(LocalChain chain) {
        long next = chain.head().number() + 1;
        long length = chain.query(ctx -> ctx.parameter("EpochLength"));
        long epoch = Epochs.epochOf(next, length);
        Optional<Step> step = Optional.empty();
        if (epoch >= 2 && Epochs.offset(next, length) == 3) {
            List<ScoreEntry> full = chain
                    .query(ctx -> ctx.runtime(StakingRuntime.class).nodes(1))
                    .stream()
                    .map(n -> new ScoreEntry(n.peerId(), 10_000))
                    .toList();
            List<byte[]> hashes = KEYS.stream()
                    .map(k -> {
                        try {
                            return chain.submit(DevKeys.derive(k), ScoringCalls.submitScores(1, full));
                        } catch (Exception e) {
                            throw new IllegalStateException(e.getMessage(), e);
                        }
                    })
                    .toList();
            step = Optional.of(new Step(epoch, hashes));
        }
        chain.produceBlock();
        chain.assertInvariants();
        return step;
    }

    record Step(long epoch, List<byte[]> hashes) {}
}
