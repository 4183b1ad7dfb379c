package org.hypertensor.staking.internal.shell;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.hypertensor.crypto.api.Keystore;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.staking.api.StakingCalls;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code stake:register-node [--key K] SUBNET PEER_ID MULTIADDR STAKE}: a Gogo {@link Function}, since a
 * hyphenated command name cannot be a Java method.
 */
@Component(
        service = Function.class,
        immediate = true,
        property = {
            "osgi.command.scope=stake",
            "osgi.command.function=register-node",
            "hypertensor.command.usage=" + RegisterNodeCommand.CALL
        })
public final class RegisterNodeCommand implements Function {

    static final String CALL = "stake:register-node --key KEY SUBNET PEER_ID MULTIADDR STAKE";
    static final String USAGE = "usage: " + CALL;

    private final Ledger ledger;
    private final Keystore keystore;

    @Activate
    public RegisterNodeCommand(
            @Reference Ledger ledger,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
                    Keystore keystore) {
        this.ledger = ledger;
        this.keystore = keystore;
    }

    @Override
    @Descriptor("register a node in a subnet: its peer id, multiaddr and stake (TENSOR), signed with --key")
    public Object execute(CommandSession session, List<Object> arguments) {
        String key = "";
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String a = String.valueOf(arguments.get(i));
            if (a.equals("-k") || a.equals("--key")) {
                if (i + 1 >= arguments.size()) {
                    throw new CommandError(USAGE);
                }
                key = String.valueOf(arguments.get(++i));
            } else if (a.equals("--help") || a.equals("-h")) {
                throw new CommandError(USAGE + " (stake in TENSOR, e.g. 1000)");
            } else {
                positional.add(a);
            }
        }
        if (positional.size() != 4) {
            throw new CommandError(USAGE);
        }
        return ShellSupport.submit(
                ledger,
                keystore,
                key,
                StakingCalls.registerNode(
                        ShellSupport.id(positional.get(0), "subnet id"),
                        positional.get(1),
                        positional.get(2),
                        ShellSupport.amount(positional.get(3))));
    }
}
