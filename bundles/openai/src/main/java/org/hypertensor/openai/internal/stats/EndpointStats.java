package org.hypertensor.openai.internal.stats;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.hypertensor.openai.internal.error.ErrorKind;
import org.osgi.service.component.annotations.Component;

/** What the endpoint has done since it started: requests, generations in flight, errors by kind, tokens. */
@Component(service = EndpointStats.class)
public final class EndpointStats {

    private final LongAdder requests = new LongAdder();
    private final LongAdder completions = new LongAdder();
    private final LongAdder clientsGone = new LongAdder();
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder completionTokens = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<ErrorKind, LongAdder> errors = new EnumMap<>(ErrorKind.class);

    public EndpointStats() {
        for (ErrorKind k : ErrorKind.values()) {
            errors.put(k, new LongAdder());
        }
    }

    public void request() {
        requests.increment();
    }

    /** Takes a generation slot if fewer than {@code limit} are in use. */
    public boolean tryStart(int limit) {
        while (true) {
            int now = inFlight.get();
            if (now >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void end() {
        inFlight.decrementAndGet();
    }

    public void completed(int prompt, int completion) {
        completions.increment();
        promptTokens.add(prompt);
        completionTokens.add(completion);
    }

    public void error(ErrorKind kind) {
        errors.get(kind).increment();
    }

    public void clientGone() {
        clientsGone.increment();
    }

    public long requests() {
        return requests.sum();
    }

    public long completions() {
        return completions.sum();
    }

    public long clientsGone() {
        return clientsGone.sum();
    }

    public long promptTokens() {
        return promptTokens.sum();
    }

    public long completionTokens() {
        return completionTokens.sum();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public long errors(ErrorKind kind) {
        return errors.get(kind).sum();
    }
}
