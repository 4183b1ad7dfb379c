package org.hypertensor.ledger.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hypertensor.crypto.api.Hashes;

/**
 * BLAKE2b-256 of the chain spec in a canonical form (keys sorted, no white space), written into the
 * genesis state: two specs that differ in anything give different genesis hashes, and a node refuses
 * to open a database made with another spec.
 */
public final class SpecHash {

    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private SpecHash() {}

    public static byte[] of(String specJson) throws ChainSpecException {
        try {
            JsonNode tree = CANONICAL.readTree(specJson);
            Object plain = CANONICAL.treeToValue(tree, Object.class);
            return Hashes.blake2b256(CANONICAL.writeValueAsString(plain).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ChainSpecException("chain spec is not valid JSON: " + e.getMessage());
        }
    }
}
