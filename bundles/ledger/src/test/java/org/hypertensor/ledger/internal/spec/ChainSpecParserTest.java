package org.hypertensor.ledger.internal.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.ledger.internal.chain.TestChains;
import org.junit.jupiter.api.Test;

class ChainSpecParserTest {

    private final ChainSpecParser parser = new ChainSpecParser();

    @Test
    void parsesTheTestSpecWithDefaults() throws Exception {
        ChainSpec spec = parser.parse(TestChains.spec());
        assertEquals("ledger-test", spec.id());
        assertTrue(spec.dev());
        assertEquals(3, spec.modules().size());
        assertEquals(BigInteger.valueOf(3000), spec.parameter("ValidatorRewardBp"));
        assertEquals(Amounts.ONE_TENSOR.divide(BigInteger.valueOf(1000)), spec.parameter("BaseFee"));
        assertEquals(1, spec.validators().size());
    }

    @Test
    void theShippedDevnetSpecParses() throws Exception {
        Path devnet = Path.of("../../config/etc/chain-devnet.json");
        ChainSpec spec = parser.parse(Files.readString(devnet));
        assertTrue(spec.dev());
        assertEquals(1000, spec.blockTimeMs());
        assertEquals(BigInteger.TEN, spec.parameter("EpochLength"));
    }

    @Test
    void theFourValidatorDevnetSpecListsPowersAndBonds() throws Exception {
        ChainSpec spec = parser.parse(Files.readString(Path.of("../../config/etc/chain-devnet-bft.json")));
        assertEquals(4, spec.validatorSet().size());
        assertEquals(4, spec.validatorSet().totalPower());
        assertTrue(spec.validatorSet().isQuorum(3));
        assertFalse(spec.validatorSet().isQuorum(2));
        assertEquals(
                new BigInteger("10000000000000000000000"),
                spec.validatorSet().validators().get(0).bond());
    }

    @Test
    void validatorEntriesAreCheckedToo() {
        String one = "\"validators\": [\"//Alice\"]";
        assertError(
                "validators.power must be a positive integer",
                TestChains.spec().replace(one, "\"validators\": [{\"account\": \"//Alice\", \"power\": 0}]"));
        assertError(
                "validators: unknown field 'weight'",
                TestChains.spec().replace(one, "\"validators\": [{\"account\": \"//Alice\", \"weight\": 1}]"));
        assertError("listed twice", TestChains.spec().replace(one, "\"validators\": [\"//Alice\", \"//Alice\"]"));
    }

    @Test
    void errorsNameTheField() {
        assertError("not valid JSON", "{");
        assertError(
                "unknown field 'colour'", TestChains.spec().replace("\"dev\": true", "\"colour\": 1, \"dev\": true"));
        assertError("'name' is required", TestChains.spec().replace("\"name\": \"Ledger test chain\",", ""));
        assertError("parameters.BaseFee", TestChains.spec().replace("\"0.001 TENSOR\"", "\"lots\""));
        assertError(
                "parameters.BaseFee must be a non-negative integer",
                TestChains.spec().replace("\"BaseFee\": \"0.001 TENSOR\"", "\"BaseFee\": 1.5"));
        assertError(
                "genesis.x.y must be an integer",
                TestChains.spec().replace("\"genesis\": {", "\"genesis\": {\"x\": {\"y\": 1.5},"));
        assertError(
                "listed twice",
                TestChains.spec()
                        .replace(
                                "{\"name\": \"sudo\", \"version\": 1}",
                                "{\"name\": \"sudo\", \"version\": 1}, {\"name\": \"sudo\", \"version\": 1}"));
        assertError("not marked dev", TestChains.spec().replace("\"dev\": true", "\"dev\": false"));
    }

    @Test
    void specHashDependsOnContentNotLayout() throws Exception {
        String spec = TestChains.spec();
        assertEquals(
                java.util.HexFormat.of().formatHex(SpecHash.of(spec)),
                java.util.HexFormat.of()
                        .formatHex(SpecHash.of(spec.replace("\n", " ").replace("  ", " "))));
        assertFalse(java.util.Arrays.equals(
                SpecHash.of(spec), SpecHash.of(spec.replace("1000000 TENSOR", "1000001 TENSOR"))));
    }

    private void assertError(String expected, String json) {
        ChainSpecException e = assertThrows(ChainSpecException.class, () -> parser.parse(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
