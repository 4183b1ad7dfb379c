package org.hypertensor.p2p.internal.host;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.hypertensor.p2p.internal.multistream.MultistreamCodec;
import org.hypertensor.p2p.internal.multistream.Negotiation;
import org.hypertensor.p2p.internal.yamux.YamuxStream;

/** multistream-select on a yamux stream, asynchronously; a failure resets the stream. */
final class StreamNegotiator {

    private StreamNegotiator() {}

    static CompletableFuture<String> dial(YamuxStream stream, List<String> protocols) {
        return run(stream, Negotiation.dialer(protocols));
    }

    static CompletableFuture<String> listen(YamuxStream stream, Predicate<String> supported) {
        return run(stream, Negotiation.listener(supported));
    }

    private static CompletableFuture<String> run(YamuxStream stream, Negotiation negotiation) {
        byte[] first = negotiation.start();
        if (first.length > 0) {
            stream.write(first);
        }
        CompletableFuture<String> result = next(stream, negotiation).thenApply(p -> {
            stream.setProtocol(p);
            return p;
        });
        result.whenComplete((p, e) -> {
            if (e != null) {
                stream.reset();
            }
        });
        return result;
    }

    private static CompletableFuture<String> next(YamuxStream stream, Negotiation negotiation) {
        return stream.readMessage(MultistreamCodec.MAX_MESSAGE).thenCompose(body -> {
            Negotiation.Step step = negotiation.onMessage(MultistreamCodec.text(body, body.length));
            if (step.send().length > 0) {
                stream.write(step.send());
            }
            return step.done() ? CompletableFuture.completedFuture(step.selected()) : next(stream, negotiation);
        });
    }
}
