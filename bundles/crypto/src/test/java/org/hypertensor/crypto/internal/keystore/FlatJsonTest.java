package org.hypertensor.crypto.internal.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {

    @Test
    void roundTrip() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a \"quoted\" \\ line\nwith\ttabs and \u0001 and é");
        m.put("n", 32768L);
        m.put("neg", -5L);
        m.put("t", true);
        m.put("f", false);
        assertEquals(m, FlatJson.read(FlatJson.write(m)));
        assertEquals(Map.of(), FlatJson.read(" { } "));
        assertEquals(Map.of("a", "/\u00e9"), FlatJson.read("{\"a\":\"\\/\\u00e9\"}"));
    }

    @Test
    void refusesWhatKeyFilesNeverContain() {
        for (String bad : new String[] {
            "",
            "[]",
            "{\"a\": {}}",
            "{\"a\": [1]}",
            "{\"a\": null}",
            "{\"a\": 1.5}",
            "{\"a\": 1} x",
            "{\"a\": 1, \"a\": 2}",
            "{\"a\" 1}",
            "{\"a\": \"unterminated}",
            "{\"a\": 1,}",
            "{\"a\": \"\\x\"}",
            "{\"a\": 99999999999999999999}"
        }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlatJson.read(bad), bad);
            assertEquals(true, e.getMessage().startsWith("not a key file (JSON)"), e.getMessage());
        }
    }
}
