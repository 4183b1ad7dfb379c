package org.hypertensor.metrics.internal.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.api.InferenceServers;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.staking.api.StakingQueries;
import org.hypertensor.staking.api.Subnet;

/**
 * Each subnet with its model and, when inference-net runs, which server hosts which blocks (from their DHT
 * announcements), the gaps and the swarm's throughput. Loaded only while staking runs.
 */
final class SubnetsSection {

    private SubnetsSection() {}

    /**
     * @param servers the InferenceServers service, or null
     * @param models the ModelRepository service, or null
     */
    static List<Map<String, Object>> read(
            Object staking, Object servers, Object models, Map<String, ModelFacts> known) {
        List<Map<String, Object>> subnets = new ArrayList<>();
        StakingQueries queries = (StakingQueries) staking;
        for (Subnet s : queries.subnets()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("name", s.name());
            m.put("model", s.model());
            m.put("activated", s.activated());
            m.put("nodes", queries.nodes(s.id()).size());
            Optional<ModelFacts> facts = models == null ? Optional.empty() : ModelFacts.find(models, s.model(), known);
            m.put("modelName", facts.map(ModelFacts::name).orElse(null));
            if (servers != null) {
                coverage(m, (InferenceServers) servers, s.id(), facts);
            }
            subnets.add(m);
        }
        return subnets;
    }

    private static void coverage(
            Map<String, Object> m, InferenceServers directory, long subnet, Optional<ModelFacts> facts) {
        List<BlockAnnouncement> announced;
        try {
            announced = directory.servers(subnet);
        } catch (RuntimeException e) {
            m.put("serversError", String.valueOf(e.getMessage()));
            return;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        List<Coverage.Span> spans = new ArrayList<>();
        int highest = 0;
        for (BlockAnnouncement a : announced) {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("peer", a.peer().toBase58());
            server.put("start", a.range().start());
            server.put("end", a.range().end());
            server.put("state", a.state().name());
            server.put("stepsPerSecond", a.throughput());
            server.put("forwardTokensPerSecond", a.forwardTokensPerSecond());
            server.put("engine", a.engine() + " (" + a.device() + ")");
            server.put("version", a.version());
            list.add(server);
            spans.add(new Coverage.Span(
                    a.range().start(), a.range().end(), a.state() == ServerState.ONLINE, a.throughput()));
            highest = Math.max(highest, a.range().end());
        }
        // a model not on this node: its size is unknown, so gaps past the last announced block cannot show
        int blocks = facts.map(ModelFacts::blocks).orElse(highest);
        Coverage coverage = new Coverage(blocks, spans);
        m.put("blocks", blocks);
        m.put("blocksKnown", facts.isPresent());
        m.put("servers", list);
        m.put("gaps", coverage.gaps());
        m.put("throughput", coverage.throughput());
    }
}
