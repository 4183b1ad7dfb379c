package org.hypertensor.rpc.internal.ledger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.LedgerStatus;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcMethod;
import org.hypertensor.rpc.api.RpcParams;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code system_health}: answers with or without a ledger, so a node whose chain spec was refused still says
 * so instead of losing the method; {@code healthy} is false and {@code problems} names each thing wrong
 * (blocks paused, a validator not producing, no ledger).
 */
@Component(service = RpcMethod.class, property = RpcMethod.NAMES + "=system_health")
public final class HealthMethod implements RpcMethod {

    static final String NO_LEDGER =
            "the ledger is not running (its chain spec or database was refused: " + "node:status and the log say why)";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private volatile Ledger ledger;

    public HealthMethod() {}

    /** For tests: a fixed ledger, or none. */
    public HealthMethod(Ledger ledger) {
        this.ledger = ledger;
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setLedger(Ledger l) {
        this.ledger = l;
    }

    void unsetLedger(Ledger l) {
        if (this.ledger == l) {
            this.ledger = null;
        }
    }

    @Override
    public Object call(RpcParams p) throws RpcError {
        p.atMost();
        Ledger l = ledger;
        ObjectNode out = NODES.objectNode();
        if (l == null) {
            out.put("running", false).put("healthy", false).put("reason", NO_LEDGER);
            out.putArray("problems").add(NO_LEDGER);
            return out;
        }
        LedgerStatus status = l.status();
        List<String> problems = l.problems();
        out.put("running", status.running())
                .put("healthy", status.running() && problems.isEmpty())
                .put("reason", status.reason());
        ArrayNode list = out.putArray("problems");
        problems.forEach(list::add);
        return out.put("shouldHavePeers", !l.chain().dev())
                .put("head", l.head().number())
                .put("finalized", l.finalizedHead().number());
    }
}
