package org.hypertensor.devnet.scorer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.junit.jupiter.api.Test;

/** The {@code keys} property as FileInstall hands it over: one string, split here. */
class DevnetScorerKeysTest {

    @Test
    void commaSeparatedDevUris() {
        List<Ed25519KeyPair> keys = DevnetScorer.parseKeys(" //Alice,//Bob , ,//Charlie,");
        assertEquals(3, keys.size());
        assertArrayEquals(DevKeys.derive("//Bob").publicKey(), keys.get(1).publicKey());
    }

    @Test
    void emptyIsOffAndNonUrisAreLeftOut() {
        assertEquals(0, DevnetScorer.parseKeys("").size());
        assertEquals(
                1,
                DevnetScorer.parseKeys("alice,//Dave,5FfWUpyPmTE7HhHgNZhahour7NcRqfK1kvpcDpVjQacrtAxR")
                        .size());
    }

    @Test
    void scoreOutsideTheRangeIsRefused() {
        List<Ed25519KeyPair> keys = List.of(DevKeys.derive("//Alice"));
        assertThrows(IllegalArgumentException.class, () -> new ScorePlanner(keys, 0));
        assertThrows(IllegalArgumentException.class, () -> new ScorePlanner(keys, 10_001));
    }
}
