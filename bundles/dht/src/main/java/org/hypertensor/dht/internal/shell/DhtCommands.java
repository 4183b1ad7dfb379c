package org.hypertensor.dht.internal.shell;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.hypertensor.crypto.api.PeerIds;
import org.hypertensor.dht.api.Dht;
import org.hypertensor.dht.api.DhtPeer;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Commands;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code dht:} shell commands. Keys and values are UTF-8 text. */
@Component(
        service = DhtCommands.class,
        immediate = true,
        property = {
            "osgi.command.scope=dht", "osgi.command.function=routing", "osgi.command.function=find",
            "osgi.command.function=get", "osgi.command.function=put", "osgi.command.function=providers",
            "osgi.command.function=provide"
        })
public final class DhtCommands {

    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(30);
    private final Dht dht;

    @Activate
    public DhtCommands(@Reference Dht dht) {
        this.dht = dht;
    }

    @Descriptor("the routing table: peers by k-bucket (bits shared with our id), least recently seen first")
    public Table routing() {
        Table t = Table.of("BUCKET", "PEER", "ADDRESSES");
        for (DhtPeer p : dht.routingTable()) {
            t.row(
                    p.bucket(),
                    p.peer(),
                    p.addresses().isEmpty()
                            ? "-"
                            : p.addresses().get(0)
                                    + (p.addresses().size() > 1
                                            ? " (+" + (p.addresses().size() - 1) + ")"
                                            : ""));
        }
        return t;
    }

    @Descriptor("look a peer up in the DHT")
    public Table find(@Descriptor("peer id (12D3KooW...)") String peer) {
        PeerId id = peerId(peer);
        Optional<DhtPeer> found = await(dht.findPeer(id), "find " + peer);
        DhtPeer p = found.orElseThrow(() -> new CommandError("peer " + peer + " not found in the DHT"));
        Table t = Table.properties().row("peer", p.peer());
        p.addresses().forEach(a -> t.row("address", a));
        return t;
    }

    @Descriptor("every entry stored under a key, merged from the closest peers")
    public Table get(@Descriptor("key, e.g. /hypertensor/1/block/0") String key) {
        List<DhtRecord> records = await(dht.get(utf8(key)), "get " + key);
        if (records.isEmpty()) {
            throw new CommandError("no record under " + key);
        }
        Table t = Table.of("SUBKEY", "VALUE", "PUBLISHER", "SEQUENCE", "EXPIRES");
        for (DhtRecord r : records) {
            t.row(
                    text(r.subkey()),
                    text(r.value()),
                    PeerIds.ed25519(r.publisher()),
                    r.sequence(),
                    Instant.ofEpochMilli(r.expiresAtMillis()));
        }
        return t;
    }

    @Descriptor("sign and store a record at the closest peers; the node republishes it while it runs")
    public String put(
            @Descriptor("subkey (default: none)")
                    @Parameter(
                            names = {"-s", "--subkey"},
                            absentValue = "")
                    String subkey,
            @Descriptor("lifetime in hours (default 24)")
                    @Parameter(
                            names = {"-t", "--ttl-hours"},
                            absentValue = "24")
                    int ttlHours,
            @Descriptor("key") String key,
            @Descriptor("value") String value) {
        // the node's own limit (a week by default) is checked by the DHT with its configured value
        Commands.range(ttlHours, "--ttl-hours", 1, Integer.MAX_VALUE / 3600);
        try {
            int stored = await(dht.put(utf8(key), utf8(subkey), utf8(value), Duration.ofHours(ttlHours)), "put " + key);
            return "stored " + key + " at " + stored + " peer(s)";
        } catch (IllegalArgumentException e) {
            throw new CommandError(e.getMessage());
        }
    }

    @Descriptor("announce this node as a provider of a key")
    public String provide(@Descriptor("key") String key) {
        return "announced to " + await(dht.provide(utf8(key)), "provide " + key) + " peer(s)";
    }

    @Descriptor("the peers that announced they provide a key")
    public Table providers(@Descriptor("key") String key) {
        Table t = Table.of("PEER", "ADDRESSES");
        for (DhtPeer p : await(dht.providers(utf8(key)), "providers of " + key)) {
            t.row(p.peer(), p.addresses().isEmpty() ? "-" : p.addresses().get(0));
        }
        return t;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return b.length == 0 ? "-" : new String(b, StandardCharsets.UTF_8);
    }

    private static PeerId peerId(String text) {
        return Commands.parse(text, PeerId::parse);
    }

    private static <T> T await(Future<T> f, String what) {
        return Commands.await(f, WAIT, what);
    }
}
