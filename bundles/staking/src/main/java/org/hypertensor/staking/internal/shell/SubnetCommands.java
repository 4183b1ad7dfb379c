package org.hypertensor.staking.internal.shell;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.hypertensor.crypto.api.Keystore;
import org.hypertensor.ledger.api.Accounts;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Report;
import org.hypertensor.plugin.api.shell.Table;
import org.hypertensor.staking.api.NodeClass;
import org.hypertensor.staking.api.StakingCalls;
import org.hypertensor.staking.api.StakingQueries;
import org.hypertensor.staking.api.Subnet;
import org.hypertensor.staking.api.SubnetNode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code subnet:} commands: list, show, register, activate (sudo), deactivate (sudo), remove. */
@Component(
        service = SubnetCommands.class,
        immediate = true,
        property = {
            "osgi.command.scope=subnet", "osgi.command.function=list", "osgi.command.function=show",
            "osgi.command.function=register", "osgi.command.function=activate", "osgi.command.function=deactivate",
            "osgi.command.function=remove"
        })
public final class SubnetCommands {

    private final Ledger ledger;
    private final StakingQueries queries;
    private final Keystore keystore;

    @Activate
    public SubnetCommands(
            @Reference Ledger ledger,
            @Reference StakingQueries queries,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
                    Keystore keystore) {
        this.ledger = ledger;
        this.queries = queries;
        this.keystore = keystore;
    }

    @Descriptor("the registered subnets")
    public Table list() {
        long block = queries.block();
        Table t = Table.of("ID", "NAME", "MODEL", "NODES", "SUBMITTABLE", "STAKE", "ERRORS", "REGISTERED", "STATE");
        for (Subnet s : queries.subnets()) {
            var nodes = queries.nodes(s.id());
            long submittable = nodes.stream()
                    .filter(n -> n.classAt(block) == NodeClass.SUBMITTABLE)
                    .count();
            var stake =
                    nodes.stream().map(SubnetNode::stake).reduce(java.math.BigInteger.ZERO, java.math.BigInteger::add);
            t.row(
                    s.id(),
                    s.name(),
                    s.model(),
                    nodes.size(),
                    submittable,
                    ShellSupport.tensor(stake),
                    s.errors(),
                    s.registeredAt(),
                    !s.activated()
                            ? "deactivated"
                            : block < s.submitFrom() ? "young (scores from " + s.submitFrom() + ")" : "active");
        }
        return t;
    }

    @Descriptor("a subnet and its nodes")
    public Report show(@Descriptor("subnet id") String id) {
        long subnet = ShellSupport.id(id, "subnet id");
        Subnet s = queries.subnet(subnet).orElseThrow(() -> new CommandError("no subnet " + id));
        long block = queries.block();
        Table props = Table.properties()
                .row("id", s.id())
                .row("name", s.name())
                .row("model", s.model())
                .row("owner", Accounts.format(s.owner()))
                .row("registered at", s.registeredAt())
                .row("scores accepted from", s.submitFrom())
                .row("epoch errors", s.errors())
                .row("activated", s.activated())
                .row("head", block);
        Table nodes = Table.of("PEER ID", "ACCOUNT", "CLASS", "STAKE", "REGISTERED", "MULTIADDR");
        for (SubnetNode n : queries.nodes(subnet)) {
            nodes.row(
                    n.peerId(),
                    Accounts.format(n.account()),
                    n.classAt(block),
                    ShellSupport.tensor(n.stake()),
                    n.registeredAt(),
                    n.multiaddr());
        }
        return Report.create().section("Subnet " + s.id(), props).section("Nodes", nodes);
    }

    @Descriptor("register a subnet whose name governance activated; pays the registration fee")
    public Table register(
            @Descriptor("signing key: dev URI (dev chains) or keystore key name")
                    @Parameter(
                            names = {"-k", "--key"},
                            absentValue = "")
                    String key,
            @Descriptor("subnet name") String name,
            @Descriptor("model reference (manifest content hash)") String model) {
        Table result = ShellSupport.submit(ledger, keystore, key, StakingCalls.registerSubnet(name, model));
        // The id is the chain's to choose: read it back once the call is included.
        queries.subnets().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .ifPresent(s -> result.row("subnet id", s.id()));
        return result;
    }

    @Descriptor("sudo: allow a subnet name to be registered (the chain spec's sudo key; //Alice on a devnet)")
    public Table activate(
            @Descriptor("sudo key")
                    @Parameter(
                            names = {"-k", "--key"},
                            absentValue = "//Alice")
                    String key,
            @Descriptor("subnet name") String name) {
        return ShellSupport.submit(ledger, keystore, key, sudo(StakingCalls.activateSubnet(name)));
    }

    @Descriptor("sudo: withdraw a subnet name's activation (the subnet may then be removed by anyone)")
    public Table deactivate(
            @Descriptor("sudo key")
                    @Parameter(
                            names = {"-k", "--key"},
                            absentValue = "//Alice")
                    String key,
            @Descriptor("subnet name") String name) {
        return ShellSupport.submit(ledger, keystore, key, sudo(StakingCalls.deactivateSubnet(name)));
    }

    @Descriptor("remove a subnet that is deactivated, has too many errors or too few submittable nodes")
    public Table remove(
            @Descriptor("signing key")
                    @Parameter(
                            names = {"-k", "--key"},
                            absentValue = "")
                    String key,
            @Descriptor("subnet id") String id) {
        return ShellSupport.submit(ledger, keystore, key, StakingCalls.removeSubnet(ShellSupport.id(id, "subnet id")));
    }

    private static Call sudo(Call inner) {
        Encoder out = new Encoder();
        inner.encode(out);
        return new Call("sudo", "sudo", out.toByteArray());
    }
}
