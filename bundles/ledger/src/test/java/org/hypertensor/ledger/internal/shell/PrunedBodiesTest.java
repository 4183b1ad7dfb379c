package org.hypertensor.ledger.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.ledger.internal.chain.TestChains;
import org.hypertensor.ledger.internal.modules.BalancesModule;
import org.hypertensor.ledger.internal.osgi.LedgerConsensus;
import org.hypertensor.ledger.internal.osgi.LedgerService;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.store.internal.DerbyChainStoreFactory;
import org.hypertensor.store.internal.db.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain on a store with {@code blocks.keep = 3} (real Derby): old blocks keep their headers, the ledger, the
 * consensus SPI and the shell tell a pruned body from an absent block.
 */
class PrunedBodiesTest {
    private static final Ed25519KeyPair BOB = DevKeys.derive("//Bob");
    private static final Ed25519KeyPair CHARLIE = DevKeys.derive("//Charlie");

    @TempDir
    Path dir;

    @Test
    void prunedBlocksShowTheirHeaderAndSaySoWhileKeptOnesServeWhole() throws Exception {
        DerbyChainStoreFactory stores = new DerbyChainStoreFactory(StoreOptions.DEFAULTS.withBlocksKeep(3));
        try (LocalChain chain = LocalChain.builder()
                .spec(TestChains.spec())
                .directory(dir.resolve("c"))
                .storeFactory(stores)
                .open()) {
            Call transfer = new Call(
                    BalancesModule.NAME, "transfer", BalancesModule.transferArgs(CHARLIE.publicKey(), BigInteger.ONE));
            SignedTransaction tx = SignedTransaction.sign(BOB, chain.genesisHash(), 0, BigInteger.ZERO, transfer);
            chain.submit(tx);
            BlockInfo first = chain.produceBlock();
            assertEquals(1, first.transactions().size());
            Ledger ledger = new LedgerService(chain.chain(), () -> "test");
            LedgerCommands commands = new LedgerCommands(ledger, null);
            String hash = "0x" + java.util.HexFormat.of().formatHex(tx.hash());
            assertTrue(commands.tx(hash).toString().contains("#1 "), "found while kept");

            chain.produceBlocks(10); // head #11, finalized #11: bodies kept from #9
            ConsensusChain consensus = new LedgerConsensus(chain.chain());
            awaitBodiesFrom(ledger, 9);
            assertEquals(3, ledger.blocksKeep());
            assertEquals(9, consensus.bodiesFrom());

            BlockInfo pruned = ledger.block(1).orElseThrow();
            assertEquals(1, pruned.number(), "the header is kept");
            assertTrue(pruned.transactions().isEmpty());
            assertTrue(ledger.transaction(tx.hash()).isEmpty());
            assertTrue(consensus.finalizedBlock(1).isEmpty(), "a pruned block is not served");
            assertEquals(9, consensus.finalizedBlock(9).orElseThrow().number(), "a kept one is");
            assertTrue(ledger.block(12).isEmpty(), "absent is not pruned");

            String block = commands.block("1").toString();
            assertTrue(block.contains("body pruned (blocks.keep = 3; bodies kept from #9)"), block);
            assertTrue(commands.block("10").toString().contains("transactions"));
            CommandError notFound = assertThrows(CommandError.class, () -> commands.tx(hash));
            assertTrue(notFound.getMessage().contains("in blocks #9 on"), notFound.getMessage());
            assertTrue(notFound.getMessage().contains("body pruned"), notFound.getMessage());

            String state = new StateCommands(stores, ledger).state().toString();
            assertTrue(state.contains("3 finalized blocks"), state);
            assertTrue(state.contains("#9 (lower blocks: headers only)"), state);
        }
    }

    private static void awaitBodiesFrom(Ledger ledger, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ledger.bodiesFrom() != expected) {
            assertTrue(System.nanoTime() < deadline, "bodies from #" + ledger.bodiesFrom() + ", expected #" + expected);
            Thread.sleep(10);
        }
    }
}
