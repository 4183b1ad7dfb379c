package org.hypertensor.rpc.internal.view;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.hypertensor.crypto.api.Hex;
import org.hypertensor.crypto.api.Ss58;
import org.hypertensor.ledger.api.AccountInfo;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.PoolEntry;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.ledger.api.Supply;
import org.hypertensor.ledger.api.TransactionInfo;
import org.hypertensor.ledger.api.tx.SignedTransaction;

/**
 * How ledger records look in JSON, Substrate-style: hashes and bytes as {@code 0x} hex, block numbers as
 * {@code 0x} hex in headers, accounts as SS58, balances as decimal strings (a u128 does not fit a JSON number).
 */
public final class Views {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Views() {}

    public static String hex(byte[] bytes) {
        return bytes == null ? null : "0x" + Hex.encode(bytes);
    }

    public static String hexNumber(long n) {
        return "0x" + Long.toHexString(n);
    }

    /** SS58 for a 32-byte account key, hex for anything else (e.g. an empty genesis author). */
    public static String account(byte[] key) {
        return key != null && key.length == 32 ? Ss58.encode(key) : hex(key);
    }

    public static String amount(BigInteger value) {
        return value == null ? null : value.toString();
    }

    /** {@code parentHash, number, stateRoot, extrinsicsRoot, digest} as Substrate has them, plus our fields. */
    public static ObjectNode header(BlockInfo block) {
        ObjectNode header = NODES.objectNode()
                .put("parentHash", hex(block.parentHash()))
                .put("number", hexNumber(block.number()))
                .put("stateRoot", hex(block.stateRoot()))
                .put("extrinsicsRoot", hex(block.transactionsRoot()));
        header.putObject("digest").putArray("logs");
        return header.put("hash", hex(block.hash()))
                .put("timestamp", block.timestamp())
                .put("author", account(block.author()))
                .put("finalized", block.finalized());
    }

    /** A u64 as JSON's unsigned number (Java's long would print values of 2^63 and up negative). */
    public static BigInteger u64(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }

    public static ObjectNode account(AccountInfo account) {
        return NODES.objectNode()
                .put("address", account(account.account()))
                .put("publicKey", hex(account.account()))
                .put("free", amount(account.free()))
                .put("reserved", amount(account.reserved()))
                .put("nonce", u64(account.stateNonce()))
                .put("nextNonce", u64(account.nextNonce()));
    }

    public static ObjectNode supply(Supply supply) {
        return NODES.objectNode()
                .put("totalIssuance", amount(supply.totalIssuance()))
                .put("genesis", amount(supply.genesis()))
                .put("minted", amount(supply.minted()))
                .put("burned", amount(supply.burned()))
                .put("vault", amount(supply.vault()));
    }

    /** @param queue {@code ready} (in inclusion order) or {@code future} (waiting for an earlier nonce) */
    public static ObjectNode pooled(PoolEntry entry, String queue) {
        return NODES.objectNode()
                .put("queue", queue)
                .put("hash", hex(entry.hash()))
                .put("sender", account(entry.sender()))
                .put("nonce", u64(entry.nonce()))
                .put("tip", amount(entry.tip()))
                .put("call", entry.call())
                .put("length", entry.length());
    }

    public static ObjectNode transaction(TransactionInfo info) {
        SignedTransaction tx = info.transaction();
        ObjectNode out = NODES.objectNode()
                .put("hash", hex(info.hash()))
                .put("blockNumber", info.blockNumber())
                .put("blockHash", hex(info.blockHash()))
                .put("index", info.index())
                .put("sender", account(tx.sender()))
                .put("nonce", u64(tx.nonce()))
                .put("tip", amount(tx.tip()))
                .put("call", tx.call().qualifiedName())
                .put("encoded", hex(tx.encoded()));
        Receipt receipt = info.receipt();
        out.putObject("receipt")
                .put("success", receipt.success())
                .put("fee", amount(receipt.fee()))
                .put("error", receipt.error())
                .put("message", receipt.message());
        return out;
    }
}
