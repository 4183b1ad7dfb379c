package org.hypertensor.emissions.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.internal.generate.ModelGenerator;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.staking.api.StakingRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devnet spec's genesis subnet serves the model {@code model:generate devnet small} writes (default seed 42):
 * its id (the manifest's SHA-256) is the subnet's {@code model}, and the staking module accepts it at genesis.
 */
class DevnetModelIdTest {

    @TempDir
    Path dir;

    @Test
    void genesisSubnetModelIsTheGeneratedDevnetModel() throws Exception {
        String id = ModelGenerator.generate(
                        dir.resolve("models/devnet"), "devnet", ModelSize.parse("small"), 42, LoadProgress.NONE)
                .id();
        String spec = Files.readString(Path.of("../../config/etc/chain-devnet.json"));
        String model = new ObjectMapper()
                .readTree(spec)
                .at("/genesis/staking/subnets/0/model")
                .asText();
        assertEquals(id, model, "config/etc/chain-devnet.json names the model model:generate devnet small makes");
        try (LocalChain chain = DevnetChain.open(dir.resolve("chain"))) {
            assertEquals(
                    id,
                    chain.query(c -> c.runtime(StakingRuntime.class)
                            .subnet(1)
                            .orElseThrow()
                            .model()));
        }
    }
}
