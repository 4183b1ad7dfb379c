package org.hypertensor.rpc.internal.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.hypertensor.crypto.api.Ss58;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.ChainInfo;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.TransactionInfo;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.node.core.api.NodeInfo;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcMethod;
import org.hypertensor.rpc.api.RpcParams;
import org.hypertensor.rpc.internal.view.Views;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateProof;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * The ledger's JSON-RPC methods ({@code chain_*}, {@code state_getStorage}, {@code author_*}, {@code system_*},
 * {@code ledger_*}), registered through the same whiteboard as every other bundle's. Parameters are checked
 * here, so a malformed call never reaches the ledger; the ledger's own rejections keep their codes (1001…).
 */
@Component(
        service = RpcMethod.class,
        property = {
            RpcMethod.NAMES + "=chain_getBlockHash",
            RpcMethod.NAMES + "=chain_getHeader",
            RpcMethod.NAMES + "=chain_getBlock",
            RpcMethod.NAMES + "=chain_getFinalizedHead",
            RpcMethod.NAMES + "=chain_getFinalisedHead",
            RpcMethod.NAMES + "=state_getStorage",
            RpcMethod.NAMES + "=author_submitTransaction",
            RpcMethod.NAMES + "=author_submitExtrinsic",
            RpcMethod.NAMES + "=author_pendingTransactions",
            RpcMethod.NAMES + "=author_pendingExtrinsics",
            RpcMethod.NAMES + "=system_chain",
            RpcMethod.NAMES + "=system_version",
            RpcMethod.NAMES + "=system_properties",
            RpcMethod.NAMES + "=system_accountNextIndex",
            RpcMethod.NAMES + "=ledger_getAccount",
            RpcMethod.NAMES + "=ledger_getSupply",
            RpcMethod.NAMES + "=ledger_getTransaction"
        })
public final class LedgerMethods implements RpcMethod {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int HASH_BYTES = 32;

    private final Ledger ledger;
    private final NodeInfo node;

    @Activate
    public LedgerMethods(
            @Reference Ledger ledger, @Reference(cardinality = ReferenceCardinality.OPTIONAL) NodeInfo node) {
        this.ledger = ledger;
        this.node = node;
    }

    @Override
    public Object call(RpcParams p) throws RpcError {
        return switch (p.method()) {
            case "chain_getBlockHash" -> blockHash(p.atMost("number"));
            case "chain_getHeader" -> block(p.atMost("hash")).map(Views::header).orElse(null);
            case "chain_getBlock" ->
                block(p.atMost("hash")).map(this::fullBlock).orElse(null);
            case "chain_getFinalizedHead", "chain_getFinalisedHead" ->
                Views.hex(none(p).finalizedHead().hash());
            case "state_getStorage" -> storage(p.atMost("key"));
            case "author_submitTransaction", "author_submitExtrinsic" -> submit(p.atMost("transaction"));
            case "author_pendingTransactions", "author_pendingExtrinsics" -> pending(none(p));
            case "system_chain" -> none(p).chain().name();
            case "system_version" -> node == null ? "unknown" : node.version();
            case "system_properties" -> properties(none(p).chain());
            case "system_accountNextIndex" ->
                Views.u64(ledger.account(account(p.atMost("account"))).nextNonce());
            case "ledger_getAccount" -> Views.account(ledger.account(account(p.atMost("account"))));
            case "ledger_getSupply" -> Views.supply(none(p).supply());
            case "ledger_getTransaction" -> transaction(p.atMost("hash"));
            default -> throw new RpcError(RpcError.METHOD_NOT_FOUND, "method not found: " + p.method());
        };
    }

    /** The ready queue in inclusion order, then the future queue (waiting for an earlier nonce), oldest first. */
    private static List<ObjectNode> pending(Ledger ledger) {
        List<ObjectNode> out = new ArrayList<>();
        ledger.pool().forEach(e -> out.add(Views.pooled(e, "ready")));
        ledger.futurePool().forEach(e -> out.add(Views.pooled(e, "future")));
        return out;
    }

    /** Refuses parameters for a method that takes none; the ledger to chain on. */
    private Ledger none(RpcParams p) throws RpcError {
        p.atMost();
        return ledger;
    }

    private String blockHash(RpcParams p) throws RpcError {
        OptionalLong number = p.optionalNumber(0, "number");
        BlockInfo block = number.isEmpty()
                ? ledger.head()
                : ledger.block(number.getAsLong()).orElse(null);
        return block == null ? null : Views.hex(block.hash());
    }

    private Optional<BlockInfo> block(RpcParams p) throws RpcError {
        Optional<byte[]> hash = p.optionalHex(0, "hash", HASH_BYTES);
        if (hash.isEmpty()) {
            return Optional.of(ledger.head());
        }
        requireLength(hash.get(), HASH_BYTES, "hash");
        return ledger.block(hash.get());
    }

    private ObjectNode fullBlock(BlockInfo block) {
        ObjectNode out = NODES.objectNode();
        ObjectNode body = out.putObject("block");
        body.set("header", Views.header(block));
        long bodiesFrom = ledger.bodiesFrom();
        if (block.number() < bodiesFrom) {
            // the body is pruned here (blocks.keep): say so rather than list no extrinsics
            body.putNull("extrinsics");
            out.put("bodiesFrom", bodiesFrom);
            out.putNull("justifications");
            return out;
        }
        var extrinsics = body.putArray("extrinsics");
        for (byte[] hash : block.transactions()) {
            extrinsics.add(ledger.transaction(hash)
                    .map(t -> Views.hex(t.transaction().encoded()))
                    .orElse(Views.hex(hash)));
        }
        out.putNull("justifications");
        return out;
    }

    private ObjectNode storage(RpcParams p) throws RpcError {
        byte[] key = p.hex(0, "key", StateOverlay.MAX_KEY_BYTES);
        BlockInfo head = ledger.head();
        StateProof proof = ledger.prove(key);
        return NODES.objectNode()
                .put("key", Views.hex(key))
                .put("value", Views.hex(proof.value()))
                .put("proof", Views.hex(proof.encode()))
                .put("blockHash", Views.hex(head.hash()))
                .put("stateRoot", Views.hex(head.stateRoot()));
    }

    private String submit(RpcParams p) throws RpcError {
        String text = p.text(0, "transaction");
        int digits = text.startsWith("0x") || text.startsWith("0X") ? text.length() - 2 : text.length();
        if (digits / 2 > SignedTransaction.MAX_ENCODED_BYTES) {
            throw rejected(
                    TransactionRejected.Reason.TOO_LARGE,
                    "transaction of " + digits / 2 + " bytes exceeds " + SignedTransaction.MAX_ENCODED_BYTES);
        }
        byte[] bytes = p.hex(0, "transaction", SignedTransaction.MAX_ENCODED_BYTES);
        SignedTransaction tx;
        try {
            tx = SignedTransaction.decode(bytes);
        } catch (DecodeException e) {
            throw rejected(TransactionRejected.Reason.MALFORMED, "malformed transaction: " + e.getMessage());
        }
        try {
            return Views.hex(ledger.submit(tx));
        } catch (TransactionRejected e) {
            throw rejected(e.reason(), e.getMessage());
        }
    }

    private static RpcError rejected(TransactionRejected.Reason reason, String message) {
        return new RpcError(
                reason.code(), message, Map.of("reason", reason.name().toLowerCase()));
    }

    private static ObjectNode properties(ChainInfo chain) {
        ObjectNode out = NODES.objectNode()
                .put("ss58Format", Ss58.DEFAULT_PREFIX)
                .put("chainId", chain.id())
                .put("dev", chain.dev())
                .put("genesisHash", Views.hex(chain.genesisHash()))
                .put("blockTimeMs", chain.blockTimeMs());
        var modules = out.putArray("requiredModules");
        chain.requiredModules().forEach(modules::add);
        return out;
    }

    private Object transaction(RpcParams p) throws RpcError {
        byte[] hash = p.hex(0, "hash", HASH_BYTES);
        requireLength(hash, HASH_BYTES, "hash");
        Optional<TransactionInfo> info = ledger.transaction(hash);
        return info.map(Views::transaction).orElse(null);
    }

    /** An account as SS58 (this chain's prefix) or as the 32-byte public key in hex. */
    static byte[] account(RpcParams p) throws RpcError {
        String text = p.text(0, "account");
        if (text.startsWith("0x") || text.startsWith("0X")) {
            byte[] key = p.hex(0, "account", HASH_BYTES);
            requireLength(key, HASH_BYTES, "account");
            return key;
        }
        try {
            return Ss58.decode(text);
        } catch (IllegalArgumentException e) {
            throw RpcError.invalidParams("parameter 'account': " + e.getMessage());
        }
    }

    private static void requireLength(byte[] bytes, int length, String name) throws RpcError {
        if (bytes.length != length) {
            throw RpcError.invalidParams("parameter '" + name + "' must be " + length + " bytes, got " + bytes.length);
        }
    }
}
