package org.hypertensor.emissions.internal.rpc;

import java.util.List;
import org.hypertensor.crypto.api.PeerIds;
import org.hypertensor.emissions.api.EmissionsQueries;
import org.hypertensor.ledger.api.Accounts;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcMethod;
import org.hypertensor.rpc.api.RpcParams;
import org.hypertensor.scoring.api.ScoringQueries;
import org.hypertensor.staking.api.StakingQueries;
import org.hypertensor.staking.api.Subnet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The chain modules' JSON-RPC methods ({@code network_*}, see {@code rpc.md}) over the three query services.
 * A delayed component: its class (which needs the RPC api, an optional import) is only loaded when the RPC
 * bundle asks for the service, so the chain modules run without the rpc feature.
 */
@Component(
        service = RpcMethod.class,
        property = {
            RpcMethod.NAMES + "=network_getSubnets", RpcMethod.NAMES + "=network_getSubnet",
            RpcMethod.NAMES + "=network_getNodes", RpcMethod.NAMES + "=network_getStake",
            RpcMethod.NAMES + "=network_proofOfStake", RpcMethod.NAMES + "=network_getEpochResult"
        })
public final class NetworkMethods implements RpcMethod {

    /** Application error: the subnet id names no registered subnet. */
    public static final int NO_SUCH_SUBNET = 2001;

    private final StakingQueries staking;
    private final ScoringQueries consensus;
    private final EmissionsQueries emissions;

    @Activate
    public NetworkMethods(
            @Reference StakingQueries staking,
            @Reference ScoringQueries consensus,
            @Reference EmissionsQueries emissions) {
        this.staking = staking;
        this.consensus = consensus;
        this.emissions = emissions;
    }

    @Override
    public Object call(RpcParams p) throws RpcError {
        return switch (p.method()) {
            case "network_getSubnets" -> subnets(p.atMost());
            case "network_getSubnet" -> {
                Subnet s = subnet(p.atMost("subnet"));
                long block = staking.block();
                yield NetworkViews.subnet(s, staking.nodes(s.id()), block);
            }
            case "network_getNodes" -> {
                Subnet s = subnet(p.atMost("subnet"));
                long block = staking.block();
                yield staking.nodes(s.id()).stream()
                        .map(n -> NetworkViews.node(n, block))
                        .toList();
            }
            case "network_getStake" -> NetworkViews.stake(staking.stake(account(p.atMost("account"))), staking.block());
            case "network_proofOfStake" -> {
                Subnet s = subnet(p.atMost("subnet", "peer_id"));
                yield NetworkViews.proof(staking.proofOfStake(s.id(), peerId(p)));
            }
            case "network_getEpochResult" -> {
                Subnet s = subnet(p.atMost("subnet", "epoch"));
                long epoch = p.number(1, "epoch");
                yield emissions
                        .epochReport(s.id(), epoch)
                        .map(NetworkViews::epochReport)
                        .orElse(null);
            }
            default -> throw new RpcError(RpcError.METHOD_NOT_FOUND, "method not found: " + p.method());
        };
    }

    private List<Object> subnets(RpcParams p) {
        long block = staking.block();
        return staking.subnets().stream()
                .map(s -> (Object) NetworkViews.subnet(s, staking.nodes(s.id()), block))
                .toList();
    }

    private Subnet subnet(RpcParams p) throws RpcError {
        long id = p.number(0, "subnet");
        return staking.subnet(id).orElseThrow(() -> new RpcError(NO_SUCH_SUBNET, "no subnet " + id));
    }

    private static byte[] account(RpcParams p) throws RpcError {
        String text = p.text(0, "account");
        try {
            return Accounts.parse(text, false);
        } catch (IllegalArgumentException e) {
            throw RpcError.invalidParams("parameter 'account': " + e.getMessage());
        }
    }

    /** A libp2p Ed25519 peer id ({@code 12D3KooW…}); anything else is invalid params. */
    private static String peerId(RpcParams p) throws RpcError {
        String text = p.text(1, "peer_id");
        try {
            PeerIds.parseEd25519(text);
        } catch (IllegalArgumentException e) {
            throw RpcError.invalidParams("parameter 'peer_id': " + e.getMessage());
        }
        return text;
    }
}
