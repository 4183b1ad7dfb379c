package org.hypertensor.inference.net.internal.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generation's session through a chain of servers that together cover every block. It keeps every
 * input it sent to each server. When one fails it bans it, routes a replacement for that span only, and
 * replays the stored inputs of the span through the replacement from position 0 (one global position for
 * every new session, as one prefill), then repeats the step that failed — so no token is lost or
 * repeated. It gives up after {@code maxFailures} failures, or at once when no route exists.
 */
public final class ChainSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChainSession.class);

    /** A server's session with everything sent into it. */
    private static final class Part {
        final SpanSession remote;
        final List<Tensor> inputs = new ArrayList<>();

        Part(SpanSession remote) {
            this.remote = remote;
        }
    }

    private final ClientNetwork net;
    private final long subnet;
    private final ModelManifest manifest;
    private final int maxLength;
    private final List<Part> parts = new ArrayList<>();
    private int failures;
    private int replays;
    private volatile long lastFailoverNanos;

    private ChainSession(ClientNetwork net, long subnet, ModelManifest manifest, int maxLength) {
        this.net = net;
        this.subnet = subnet;
        this.manifest = manifest;
        this.maxLength = maxLength;
    }

    static ChainSession open(ClientNetwork net, long subnet, ModelManifest manifest, int maxLength)
            throws NoRouteException {
        ChainSession s = new ChainSession(net, subnet, manifest, maxLength);
        s.parts.addAll(s.connect(BlockRange.all(manifest.config().numLayers()), List.of()));
        return s;
    }

    /** The spans of the current chain. */
    public synchronized List<Span> route() {
        return parts.stream().map(p -> p.remote.span()).toList();
    }

    /** Server failures survived so far. */
    public synchronized int failures() {
        return failures;
    }

    /** Spans rebuilt by replaying their inputs. */
    public synchronized int replays() {
        return replays;
    }

    /** How long the last fail-over took (routing, opening and replay), in nanoseconds. */
    public long lastFailoverNanos() {
        return lastFailoverNanos;
    }

    /** Runs hidden states {@code [1, n, hidden]} through every block, failing over as needed. */
    public synchronized Tensor step(Tensor input) throws NoRouteException {
        Tensor x = input;
        int i = 0;
        while (i < parts.size()) {
            Part part = parts.get(i);
            try {
                Tensor y = part.remote.step(x);
                part.inputs.add(x);
                x = y;
                i++;
            } catch (SpanFailure f) {
                long t0 = System.nanoTime();
                failed(f);
                part.remote.abort();
                List<Part> replacement = connect(part.remote.span().blocks(), part.inputs);
                parts.remove(i);
                parts.addAll(i, replacement);
                replays++;
                lastFailoverNanos = System.nanoTime() - t0;
                LOG.info(
                        "Replaced {} by {} (replayed {} positions)",
                        part.remote.span(),
                        replacement.stream()
                                .map(p -> p.remote.span().toString())
                                .collect(Collectors.joining(" → ")),
                        part.remote.position());
            }
        }
        return x;
    }

    /**
     * Routes {@code blocks}, opens a session on each server of the route and replays {@code history}
     * through them as one step from position 0; tries other servers while servers fail.
     */
    private List<Part> connect(BlockRange blocks, List<Tensor> history) throws NoRouteException {
        Tensor replay = history.isEmpty() ? null : concat(history);
        boolean fresh = false;
        while (true) {
            List<Span> spans = Router.route(
                    net.servers(subnet, manifest.config().numLayers(), fresh),
                    manifest.id(),
                    blocks,
                    net::pingSeconds,
                    a -> !net.bans().banned(a.peer()),
                    maxLength);
            fresh = true;
            List<Part> opened = new ArrayList<>();
            try {
                Tensor x = replay;
                for (Span span : spans) {
                    Part p = new Part(net.openSpan(span, manifest, maxLength));
                    opened.add(p);
                    if (x != null) {
                        Tensor y = p.remote.step(x);
                        p.inputs.add(x);
                        x = y;
                    }
                }
                return opened;
            } catch (SpanFailure f) {
                opened.forEach(p -> p.remote.abort());
                failed(f);
            }
        }
    }

    private void failed(SpanFailure f) throws NoRouteException {
        failures++;
        Duration ban = net.bans().ban(f.span().server().peer());
        net.forgetPing(f.span().server().peer());
        LOG.warn("Server failed: {}; banned for {} s", f.getMessage(), ban.toSeconds());
        if (failures > net.settings().maxFailures()) {
            throw new NoRouteException(
                    "gave up after " + failures + " server failures (the last: " + f.getMessage() + ")");
        }
    }

    private static Tensor concat(List<Tensor> parts) {
        int hidden = parts.get(0).dim(2);
        int n = parts.stream().mapToInt(t -> t.dim(1)).sum();
        float[] all = new float[n * hidden];
        int offset = 0;
        for (Tensor t : parts) {
            t.copyTo(all, offset);
            offset += t.size();
        }
        return Tensor.wrap(all, 1, n, hidden);
    }

    @Override
    public synchronized void close() {
        parts.forEach(p -> p.remote.close());
        parts.clear();
    }
}
