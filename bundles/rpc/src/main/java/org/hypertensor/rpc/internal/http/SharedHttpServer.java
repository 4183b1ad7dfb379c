package org.hypertensor.rpc.internal.http;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points the node's one HTTP server (Felix HTTP Jetty, configuration {@value #FELIX_HTTP_PID}) at the RPC's bind
 * address and port, with Jetty's WebSocket support on: the RPC settings are the single place an operator sets
 * them. Other keys of that configuration are left as they are; nothing is written when nothing changes.
 */
@Component(immediate = true, configurationPid = RpcConfig.PID)
public final class SharedHttpServer {

    static final String FELIX_HTTP_PID = "org.apache.felix.http";
    static final String HOST = "org.apache.felix.http.host";
    static final String PORT = "org.osgi.service.http.port";
    static final String WEBSOCKET = "org.apache.felix.jetty.websocket.enable";

    private static final Logger LOG = LoggerFactory.getLogger(SharedHttpServer.class);

    private final ConfigurationAdmin configAdmin;

    @Activate
    public SharedHttpServer(@Reference ConfigurationAdmin configAdmin, RpcConfig config) throws IOException {
        this.configAdmin = configAdmin;
        apply(config);
    }

    @Modified
    void apply(RpcConfig config) throws IOException {
        RpcSettings s;
        try {
            s = RpcSettings.of(config);
        } catch (IllegalArgumentException e) {
            // the servlet logs the refusal; the server stays where it is
            return;
        }
        Map<String, Object> wanted = Map.of(HOST, s.bindAddress(), PORT, String.valueOf(s.port()), WEBSOCKET, "true");
        Configuration http = configAdmin.getConfiguration(FELIX_HTTP_PID, null);
        Dictionary<String, Object> properties = http.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        boolean changed = false;
        for (Map.Entry<String, Object> e : wanted.entrySet()) {
            Object current = properties.get(e.getKey());
            if (current == null || !Objects.equals(String.valueOf(current), e.getValue())) {
                properties.put(e.getKey(), e.getValue());
                changed = true;
            }
        }
        if (changed) {
            http.update(properties);
            LOG.info(
                    "RPC endpoint: http://{}:{}/ and ws://{}:{}/ (shared HTTP server {})",
                    s.bindAddress(),
                    s.port(),
                    s.bindAddress(),
                    s.port(),
                    FELIX_HTTP_PID);
        }
    }
}
