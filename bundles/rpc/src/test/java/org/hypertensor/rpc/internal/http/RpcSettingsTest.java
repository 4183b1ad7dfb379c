package org.hypertensor.rpc.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RpcSettingsTest {

    private static RpcSettings origins(String... origins) {
        return new RpcSettings("127.0.0.1", 9933, 1024, 10, true, List.of(origins));
    }

    @Test
    void requestsWithoutAnOriginAreAlwaysAllowed() {
        assertTrue(origins().allowsOrigin(null));
        assertFalse(origins().allowsOrigin("http://localhost:3000"));
    }

    @Test
    void listedOriginsMatchExactlyIgnoringCaseAndTrailingSlash() {
        RpcSettings s = origins("http://localhost:3000, https://App.example/");
        assertEquals(List.of("http://localhost:3000", "https://app.example"), s.allowedOrigins());
        assertTrue(s.allowsOrigin("http://LOCALHOST:3000"));
        assertTrue(s.allowsOrigin("https://app.example"));
        assertFalse(s.allowsOrigin("http://localhost:3001"));
        assertFalse(s.allowsOrigin("https://app.example.evil"));
    }

    @Test
    void starAllowsAny() {
        assertTrue(origins("*").allowsOrigin("http://anything"));
    }

    @Test
    void unsafeMethodsAreServedByDefaultOnlyOnLoopback() {
        assertTrue(RpcSettings.allowsUnsafe(RpcSettings.Methods.AUTO, "127.0.0.1"));
        assertTrue(RpcSettings.allowsUnsafe(RpcSettings.Methods.AUTO, "::1"));
        assertTrue(RpcSettings.allowsUnsafe(RpcSettings.Methods.AUTO, "localhost"));
        assertFalse(RpcSettings.allowsUnsafe(RpcSettings.Methods.AUTO, "0.0.0.0"));
        assertFalse(RpcSettings.allowsUnsafe(RpcSettings.Methods.AUTO, "192.168.1.5"));
        assertFalse(RpcSettings.allowsUnsafe(RpcSettings.Methods.AUTO, "node.example"));
        assertFalse(RpcSettings.allowsUnsafe(RpcSettings.Methods.SAFE, "127.0.0.1"));
        assertTrue(RpcSettings.allowsUnsafe(RpcSettings.Methods.UNSAFE, "0.0.0.0"));
        assertEquals(RpcSettings.Methods.SAFE, RpcSettings.Methods.parse(" Safe "));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> RpcSettings.Methods.parse("all"));
        assertTrue(e.getMessage().contains("auto, safe or unsafe"));
    }
}
