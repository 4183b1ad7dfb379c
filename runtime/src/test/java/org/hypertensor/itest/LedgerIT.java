package org.hypertensor.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.TransactionInfo;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The validator feature in the container: the devnet chain spec produces blocks; a transfer through the
 * shell lands with the fee split; block production pauses while a required runtime module is gone and
 * resumes when it is back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LedgerIT extends NodeContainer {

    private static final Pattern SUBMITTED = Pattern.compile("submitted\\s+(0x[0-9a-f]{64})");

    @Override
    protected void prepareHome(Path home) throws IOException {
        Files.copy(DIST.resolve("etc/chain-devnet.json"), home.resolve("etc/chain-devnet.json"));
        Files.writeString(home.resolve("etc/org.hypertensor.ledger.cfg"), "validator.key = //Alice\n");
    }

    /** The validator feature's bundles (feature:install of it is a FeaturesIT matter). */
    @Override
    protected List<String> systemBundles() {
        return CHAIN_BUNDLES;
    }

    private Ledger startChain() throws Exception {
        Ledger ledger = service(Ledger.class);
        await("blocks", () -> ledger.head().number() >= 2);
        return ledger;
    }

    @Test
    public void aShellTransferLandsWithTheFeeSplit() throws Exception {
        Ledger ledger = startChain();
        byte[] charlie = DevKeys.derive("//Charlie").publicKey();
        BigInteger charlieBefore = ledger.account(charlie).free();
        BigInteger burnedBefore = ledger.supply().burned();
        String out = shell("ledger:transfer '//Bob' '//Charlie' 1.5");
        Matcher m = SUBMITTED.matcher(out);
        assertTrue(out, m.find());
        byte[] hash = HexFormat.of().parseHex(m.group(1).substring(2));
        await("the transfer in a block", () -> ledger.transaction(hash).isPresent());
        TransactionInfo tx = ledger.transaction(hash).orElseThrow();
        assertTrue(tx.receipt().success());
        assertEquals(
                charlieBefore.add(Amounts.parse("1.5")), ledger.account(charlie).free());
        BigInteger fee = tx.receipt().fee();
        BigInteger burned = ledger.supply().burned().subtract(burnedBefore);
        assertEquals(
                "80 % of the fee is burned",
                fee.subtract(fee.multiply(BigInteger.valueOf(2000)).divide(BigInteger.valueOf(10000))), burned);
        String shown = shell("ledger:tx " + m.group(1));
        assertTrue(shown, shown.contains("success") && shown.contains("balances.transfer"));
        assertTrue(shell("ledger:supply").contains("rewards vault"));
        assertTrue(shell("ledger:head").contains("running"));
        assertTrue(shell("ledger:block 1").contains("state root"));
    }

    @Test
    public void userMistakesAreOneLine() throws Exception {
        startChain();
        String e = shellError("ledger:balance nonsense");
        assertFalse(e, e.contains("\n"));
        assertTrue(e, e.contains("base58") || e.contains("address") || e.contains("SS58"));
        assertTrue(shellError("ledger:transfer '//Bob' '//Charlie' lots").contains("not an amount"));
        assertTrue(shellError("ledger:transfer '//Charlie' '//Bob' 100000000").contains("insufficient_funds"));
        assertTrue(shellError("ledger:block 999999").contains("no block"));
    }

    @Test
    public void blocksPauseWhileARequiredModuleIsMissing() throws Exception {
        Ledger ledger = startChain();
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        ComponentDescriptionDTO subsidy = scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.implementationClass.endsWith(".SubsidyModule"))
                .findFirst()
                .orElseThrow();
        scr.disableComponent(subsidy).getValue();
        await("pause", () -> !ledger.status().running());
        assertTrue(ledger.status().reason(), ledger.status().reason().contains("subsidy v1 is missing"));
        long pausedAt = ledger.head().number();
        // the producer's next slot came and it declined: only then does "no new block" mean something
        await("the producer declining a slot", () -> {
            try {
                return shell("node:logs -n 50").contains("Not producing: ");
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals("no blocks while paused", pausedAt, ledger.head().number());
        scr.enableComponent(subsidy).getValue();
        await("resume", () -> ledger.head().number() > pausedAt + 1);
        assertTrue(ledger.status().running());
    }
}
