package org.hypertensor.ledger.internal.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The test chain spec ({@code test-chain.json}) and LocalChains on it. */
public final class TestChains {

    private TestChains() {}

    public static String spec() {
        try (InputStream in = TestChains.class.getResourceAsStream("/test-chain.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LocalChain open(Path dir) throws Exception {
        return LocalChain.builder().spec(spec()).directory(dir).open();
    }
}
