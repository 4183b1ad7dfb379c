package org.hypertensor.rpc.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RpcParamsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RpcParams params(String json) throws Exception {
        return new RpcParams("m", json == null ? null : JSON.readTree(json));
    }

    private static void assertInvalid(org.junit.jupiter.api.function.Executable call, String messagePart) {
        RpcError e = assertThrows(RpcError.class, call);
        assertEquals(RpcError.INVALID_PARAMS, e.code());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void readsByPositionOrByName() throws Exception {
        assertEquals("a", params("[\"a\", 2]").text(0, "x"));
        assertEquals("a", params("{\"x\": \"a\"}").text(0, "x"));
        assertEquals(2, params("[\"a\", 2]").number(1, "n"));
        assertEquals(0, params(null).size());
        assertTrue(params("[null]").optionalText(0, "x").isEmpty());
    }

    @Test
    void numbersAsJsonDecimalOrHex() throws Exception {
        assertEquals(26, params("[26]").number(0, "n"));
        assertEquals(26, params("[\"26\"]").number(0, "n"));
        assertEquals(26, params("[\"0x1a\"]").number(0, "n"));
        assertInvalid(() -> params("[-1]").number(0, "n"), "'n'");
        assertInvalid(() -> params("[1.5]").number(0, "n"), "integer");
        assertInvalid(() -> params("[\"zz\"]").number(0, "n"), "not an integer");
        assertInvalid(() -> params("[18446744073709551616]").number(0, "n"), "between");
    }

    @Test
    void hexWithOrWithoutPrefixAndBounded() throws Exception {
        assertArrayEquals(new byte[] {1, (byte) 0xab}, params("[\"0x01ab\"]").hex(0, "h", 2));
        assertArrayEquals(new byte[] {1, (byte) 0xab}, params("[\"01AB\"]").hex(0, "h", 2));
        assertInvalid(() -> params("[\"0x01ab\"]").hex(0, "h", 1), "more than the 1 allowed");
        assertInvalid(() -> params("[\"0x1\"]").hex(0, "h", 4), "odd");
        assertInvalid(() -> params("[\"0xzz\"]").hex(0, "h", 4), "not hex");
        assertInvalid(() -> params("[12]").hex(0, "h", 4), "must be a string");
        assertInvalid(() -> params("[]").hex(0, "h", 4), "needs parameter 'h'");
    }

    @Test
    void refusesExtraParameters() throws Exception {
        assertInvalid(() -> params("[1, 2]").atMost("a"), "at most 1 parameter");
        assertInvalid(() -> params("{\"b\": 1}").atMost("a"), "no parameter 'b'");
        params("{\"a\": 1}").atMost("a");
        params("[]").atMost();
    }
}
