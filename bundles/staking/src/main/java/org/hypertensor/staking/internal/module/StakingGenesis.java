package org.hypertensor.staking.internal.module;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.hypertensor.crypto.api.PeerIds;
import org.hypertensor.ledger.api.Accounts;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.staking.internal.peer.Multiaddrs;
import org.hypertensor.staking.internal.state.StakingState;

/**
 * The {@code genesis.staking} section: {@code {"activated": [names], "subnets": [{"name", "model", "owner",
 * "nodes": [{"account", "peer_id", "multiaddr", "stake"}]}]}}. Genesis subnets are activated and registered at
 * block 0 without fee; each node's stake is reserved from its account's genesis balance.
 */
final class StakingGenesis {

    private final StakingState state;

    StakingGenesis(StakingState state) {
        this.state = state;
    }

    void apply(Map<String, Object> config) {
        boolean dev = state.context().devChain();
        for (Object name : list(config, "activated")) {
            state.setActivated(text(name, "activated name"), true);
        }
        for (Object o : list(config, "subnets")) {
            Map<String, Object> s = map(o, "subnet");
            String name = text(s.get("name"), "subnet name");
            if (!StakingCallHandler.SUBNET_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("genesis subnet name '" + name + "' is invalid");
            }
            if (state.subnetIdByName(name).isPresent()) {
                throw new IllegalArgumentException("genesis subnet name '" + name + "' appears twice");
            }
            state.setActivated(name, true);
            String model = text(s.get("model"), "subnet model");
            byte[] owner = s.containsKey("owner") ? Accounts.parse(text(s.get("owner"), "owner"), dev) : new byte[32];
            long id = state.createSubnet(name, model, owner, 0);
            for (Object no : list(s, "nodes")) {
                Map<String, Object> n = map(no, "node");
                byte[] account = Accounts.parse(text(n.get("account"), "node account"), dev);
                String peerId = text(n.get("peer_id"), "peer_id");
                String multiaddr = text(n.get("multiaddr"), "multiaddr");
                PeerIds.parseEd25519(peerId);
                Multiaddrs.check(multiaddr, peerId);
                BigInteger stake = amount(n.get("stake"));
                if (stake.compareTo(state.params().minStake()) < 0
                        || stake.compareTo(state.params().maxStake()) > 0) {
                    throw new IllegalArgumentException("genesis stake " + stake + " outside MinStake..MaxStake");
                }
                if (state.node(id, account).isPresent() || state.peerTaken(id, PeerIds.parseEd25519(peerId))) {
                    throw new IllegalArgumentException(
                            "genesis subnet '" + name + "': node " + peerId + " repeats an account or a peer id");
                }
                state.context().balances().reserve(account, stake);
                state.putNode(id, account, peerId, multiaddr, stake, 0);
            }
        }
    }

    private static List<?> list(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("genesis staking: '" + key + "' must be a list");
        }
        return l;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String what) {
        if (!(o instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("genesis staking: a " + what + " must be an object");
        }
        return (Map<String, Object>) o;
    }

    private static String text(Object o, String what) {
        if (!(o instanceof String s)) {
            throw new IllegalArgumentException("genesis staking: " + what + " must be a string");
        }
        return s;
    }

    private static BigInteger amount(Object o) {
        if (o instanceof BigInteger b) {
            return b;
        }
        if (o instanceof Number n) {
            return BigInteger.valueOf(n.longValue());
        }
        if (o instanceof String s) {
            return Amounts.parse(s);
        }
        throw new IllegalArgumentException(
                "genesis staking: stake must be a number of base units or a text like 1000 TENSOR");
    }
}
