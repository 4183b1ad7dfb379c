package org.hypertensor.openai.internal.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hypertensor.inference.api.generate.Completion;
import org.hypertensor.inference.api.generate.CompletionRequest;
import org.hypertensor.inference.api.generate.GenerationException;
import org.hypertensor.inference.api.generate.GeneratorModel;
import org.hypertensor.inference.api.generate.TextGenerator;
import org.hypertensor.model.api.ChatMessage;

/**
 * A small deterministic {@link TextGenerator} for the endpoint's tests: each "token" is the next of a fixed list
 * of pieces; the end of the list is the model's end token. Can fail after some pieces, or wait on a latch.
 */
public final class PieceGenerator implements TextGenerator {

    private final String name;
    private final List<GeneratorModel> models;
    private final List<String> pieces;
    private final List<CompletionRequest> requests = new ArrayList<>();
    private final AtomicInteger told = new AtomicInteger();
    private volatile int failAfter = -1;
    private volatile GenerationException failure;
    private volatile CountDownLatch started;
    private volatile CountDownLatch release;

    public PieceGenerator(String name, List<GeneratorModel> models, List<String> pieces) {
        this.name = name;
        this.models = List.copyOf(models);
        this.pieces = List.copyOf(pieces);
    }

    public static GeneratorModel model(String id, int maxPositions) {
        return new GeneratorModel(id, 0, maxPositions, "test model " + id);
    }

    /** Throws {@code e} once {@code pieces} pieces were told. */
    public PieceGenerator failAfter(int pieces, GenerationException e) {
        this.failAfter = pieces;
        this.failure = e;
        return this;
    }

    /** Counts {@code started} down when a generation begins, then waits for {@code release}. */
    public PieceGenerator blockOn(CountDownLatch started, CountDownLatch release) {
        this.started = started;
        this.release = release;
        return this;
    }

    public synchronized List<CompletionRequest> requests() {
        return List.copyOf(requests);
    }

    /** Pieces told to listeners so far, over all generations. */
    public int told() {
        return told.get();
    }

    public String name() {
        return name;
    }

    @Override
    public List<GeneratorModel> models() {
        return models;
    }

    @Override
    public Completion generate(CompletionRequest request, Listener listener) {
        synchronized (this) {
            requests.add(request);
        }
        if (models.stream().noneMatch(m -> m.id().equals(request.model()))) {
            throw new GenerationException(GenerationException.Kind.UNKNOWN_MODEL, "no model " + request.model());
        }
        if (started != null) {
            started.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GenerationException(GenerationException.Kind.INTERNAL, "interrupted");
            }
        }
        StringBuilder text = new StringBuilder();
        int n = 0;
        for (String piece : pieces) {
            if (n == failAfter) {
                throw failure;
            }
            if (n == request.maxTokens()) {
                return done(request, text, n, Completion.Finish.LENGTH);
            }
            n++;
            text.append(piece);
            told.incrementAndGet();
            if (!listener.text(piece)) {
                return done(request, text, n, Completion.Finish.STOP);
            }
        }
        if (n == failAfter) {
            throw failure;
        }
        return done(request, text, n, Completion.Finish.STOP);
    }

    private Completion done(CompletionRequest request, StringBuilder text, int n, Completion.Finish finish) {
        return new Completion(text.toString(), promptLength(request), n, finish, name);
    }

    /** A character per token, the chat in the default format of docs/openai.md. */
    private static int promptLength(CompletionRequest request) {
        int length = request.prompt().length();
        for (ChatMessage m : request.messages()) {
            length += ("<|" + m.role() + "|>\n" + m.content() + "\n").length();
        }
        return request.isChat() ? length + "<|assistant|>\n".length() : length;
    }
}
