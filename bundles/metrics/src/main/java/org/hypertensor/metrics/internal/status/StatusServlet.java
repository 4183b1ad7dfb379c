package org.hypertensor.metrics.internal.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /status}: the node's status page, one self-contained HTML file (no external scripts or fonts: a node
 * may have no internet) whose script polls {@code GET /status.json}, the {@link StatusReport}.
 */
@Component(
        service = Servlet.class,
        property = {
            "osgi.http.whiteboard.servlet.pattern=" + StatusServlet.PAGE,
            "osgi.http.whiteboard.servlet.pattern=" + StatusServlet.JSON,
            "osgi.http.whiteboard.servlet.name=hypertensor-status"
        })
public final class StatusServlet extends HttpServlet {

    static final String PAGE = "/status";
    static final String JSON = "/status.json";
    /** The page runs its own inline script and style and talks to this node only. */
    private static final String POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
            + " connect-src 'self'; img-src data:";

    private static final long serialVersionUID = 1L;

    private final transient StatusReport report;
    private final transient ObjectMapper json = new ObjectMapper();
    private final byte[] page;

    @Activate
    public StatusServlet(@Reference StatusReport report) {
        this.report = report;
        try (InputStream in = StatusServlet.class.getResourceAsStream("status.html")) {
            if (in == null) {
                throw new IllegalStateException("status.html missing from the bundle");
            }
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        byte[] body;
        if (JSON.equals(request.getServletPath())) {
            response.setContentType("application/json");
            body = json.writeValueAsBytes(report.snapshot());
        } else {
            response.setContentType("text/html; charset=utf-8");
            response.setHeader("Content-Security-Policy", POLICY);
            body = page;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }
}
