package org.hypertensor.staking.internal.shell;

import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.hypertensor.crypto.api.Keystore;
import org.hypertensor.ledger.api.Accounts;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.plugin.api.shell.Report;
import org.hypertensor.plugin.api.shell.Table;
import org.hypertensor.staking.api.StakeInfo;
import org.hypertensor.staking.api.StakingCalls;
import org.hypertensor.staking.api.StakingQueries;
import org.hypertensor.staking.api.SubnetNode;
import org.hypertensor.staking.api.Unbonding;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code stake:} commands: add, remove, update, deregister, show, unbonding ({@code stake:register-node} is
 * {@link RegisterNodeCommand}: a hyphenated name cannot be a method).
 */
@Component(
        service = StakeCommands.class,
        immediate = true,
        property = {
            "osgi.command.scope=stake", "osgi.command.function=add", "osgi.command.function=remove",
            "osgi.command.function=update", "osgi.command.function=deregister", "osgi.command.function=show",
            "osgi.command.function=unbonding"
        })
public final class StakeCommands {

    private final Ledger ledger;
    private final StakingQueries queries;
    private final Keystore keystore;

    @Activate
    public StakeCommands(
            @Reference Ledger ledger,
            @Reference StakingQueries queries,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
                    Keystore keystore) {
        this.ledger = ledger;
        this.queries = queries;
        this.keystore = keystore;
    }

    @Descriptor("add stake to your node (not in the first two blocks of an epoch; up to MaxStake)")
    public Table add(
            @Descriptor("signing key")
                    @Parameter(
                            names = {"-k", "--key"},
                            absentValue = "")
                    String key,
            @Descriptor("subnet id") String subnet,
            @Descriptor("amount, e.g. 500 or '500 TENSOR'") String amount) {
        return ShellSupport.submit(
                ledger,
                keystore,
                key,
                StakingCalls.addStake(ShellSupport.id(subnet, "subnet id"), ShellSupport.amount(amount)));
    }

    @Descriptor("move stake into unbonding (the node keeps at least MinStake)")
    public Table remove(
            @Descriptor("signing key")
                    @Parameter(
                            names = {"-k", "--key"},
                            absentValue = "")
                    String key,
            @Descriptor("subnet id") String subnet,
            @Descriptor("amount") String amount) {
        return ShellSupport.submit(
                ledger,
                keystore,
                key,
                StakingCalls.removeStake(ShellSupport.id(subnet, "subnet id"), ShellSupport.amount(amount)));
    }

    @Descriptor("change your node's peer id and/or multiaddr (in the exit window once included)")
    public Table update(
            @Descriptor("signing key")
                    @Parameter(
                            names = {"-k", "--key"},
                            absentValue = "")
                    String key,
            @Descriptor("new peer id")
                    @Parameter(
                            names = {"-p", "--peer"},
                            absentValue = "")
                    String peer,
            @Descriptor("new multiaddr")
                    @Parameter(
                            names = {"-a", "--addr"},
                            absentValue = "")
                    String addr,
            @Descriptor("subnet id") String subnet) {
        return ShellSupport.submit(
                ledger,
                keystore,
                key,
                StakingCalls.updateNode(
                        ShellSupport.id(subnet, "subnet id"),
                        peer.isEmpty() ? null : peer,
                        addr.isEmpty() ? null : addr));
    }

    @Descriptor("leave a subnet: all the node's stake moves into unbonding (in the exit window once included)")
    public Table deregister(
            @Descriptor("signing key")
                    @Parameter(
                            names = {"-k", "--key"},
                            absentValue = "")
                    String key,
            @Descriptor("subnet id") String subnet) {
        return ShellSupport.submit(
                ledger, keystore, key, StakingCalls.deregisterNode(ShellSupport.id(subnet, "subnet id")));
    }

    @Descriptor("an account's nodes, stake, unbonding and penalties")
    public Report show(@Descriptor("SS58 address, 0x public key or dev URI") String account) {
        byte[] a = ShellSupport.account(ledger, account);
        StakeInfo info = queries.stake(a);
        long block = queries.block();
        Table summary = Table.properties()
                .row("account", Accounts.format(a))
                .row("bonded", ShellSupport.tensor(info.bonded()))
                .row("unbonding", ShellSupport.tensor(info.unbondingTotal()))
                .row("penalties", info.penalties())
                .row("head", block);
        Table nodes = Table.of("SUBNET", "PEER ID", "CLASS", "STAKE", "REGISTERED", "INCLUDED FROM", "SUBMITS FROM");
        for (SubnetNode n : info.nodes()) {
            nodes.row(
                    n.subnet(),
                    n.peerId(),
                    n.classAt(block),
                    ShellSupport.tensor(n.stake()),
                    n.registeredAt(),
                    n.includedFrom(),
                    n.submittableFrom());
        }
        return Report.create()
                .section("Stake", summary)
                .section("Nodes", nodes)
                .section("Unbonding", unbonding(info.unbonding()));
    }

    @Descriptor("stake waiting to be freed, network-wide or for one account")
    public Table unbonding(
            @Descriptor("account (optional)")
                    @Parameter(
                            names = {"-a", "--account"},
                            absentValue = "")
                    String account) {
        return unbonding(
                account.isEmpty()
                        ? queries.unbondingQueue()
                        : queries.stake(ShellSupport.account(ledger, account)).unbonding());
    }

    private static Table unbonding(List<Unbonding> entries) {
        Table t = Table.of("RELEASE AT", "SUBNET", "ACCOUNT", "AMOUNT");
        for (Unbonding u : entries) {
            t.row(u.releaseAt(), u.subnet(), Accounts.format(u.account()), ShellSupport.tensor(u.amount()));
        }
        return t;
    }
}
