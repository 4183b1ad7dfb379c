package org.hypertensor.rpc.internal.http;

import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hypertensor.rpc.internal.dispatch.MethodRegistry;
import org.hypertensor.rpc.internal.subscribe.HeadFeed;

/** The RPC servlet on a real Jetty 12 (the one Felix HTTP embeds), on a free loopback port. */
public final class TestRpcServer implements AutoCloseable {

    private final Server server = new Server();
    private final RpcServlet servlet;
    private final int port;

    public TestRpcServer(MethodRegistry registry, HeadFeed feed, RpcSettings settings) throws Exception {
        servlet = new RpcServlet(registry, feed, settings);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        JettyWebSocketServletContainerInitializer.configure(context, null);
        ServletHolder holder = new ServletHolder(servlet);
        // as the whiteboard property osgi.http.whiteboard.servlet.asyncSupported=true does
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public RpcServlet servlet() {
        return servlet;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
