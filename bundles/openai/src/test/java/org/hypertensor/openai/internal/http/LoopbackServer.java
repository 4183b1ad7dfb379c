package org.hypertensor.openai.internal.http;

import jakarta.servlet.Servlet;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A servlet on a real Jetty 12 (the one Felix HTTP embeds), on a free loopback port, for tests and benches. */
public final class LoopbackServer {

    private final Server server;
    private final int port;

    private LoopbackServer(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    public static LoopbackServer start(Servlet servlet, String pattern) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(servlet), pattern);
        server.setHandler(context);
        server.start();
        return new LoopbackServer(server, connector.getLocalPort());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public void stop() throws Exception {
        server.stop();
    }
}
