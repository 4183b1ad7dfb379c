package org.hypertensor.staking.internal.peer;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the text multiaddr a node announces: {@code /ip4|ip6|dns|dns4|dns6/HOST/tcp|udp/PORT}, optionally
 * followed by {@code quic}, {@code quic-v1}, {@code ws}, {@code wss}, and a final {@code /p2p/ID} that must be
 * the node's own peer id.
 */
public final class Multiaddrs {

    public static final int MAX_LENGTH = 256;
    private static final Pattern IP4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IP6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");
    private static final Pattern DNS = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Set<String> SUFFIXES = Set.of("quic", "quic-v1", "ws", "wss");

    private Multiaddrs() {}

    /** @throws IllegalArgumentException saying what is wrong */
    public static void check(String addr, String peerId) {
        if (addr == null || addr.isEmpty() || addr.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("multiaddr must be 1.." + MAX_LENGTH + " characters");
        }
        if (!addr.startsWith("/") || addr.endsWith("/")) {
            throw new IllegalArgumentException("multiaddr '" + addr + "' must start with '/' and not end with one");
        }
        String[] p = addr.substring(1).split("/", -1);
        if (p.length < 4) {
            throw new IllegalArgumentException("multiaddr '" + addr + "' needs a host and a port (/ip4/H/tcp/P)");
        }
        String host = p[1];
        boolean hostOk = switch (p[0]) {
            case "ip4" -> IP4.matcher(host).matches();
            case "ip6" -> IP6.matcher(host).matches() && host.contains(":");
            case "dns", "dns4", "dns6" -> DNS.matcher(host).matches();
            default -> throw new IllegalArgumentException("multiaddr '" + addr + "': unsupported protocol /" + p[0]);
        };
        if (!hostOk) {
            throw new IllegalArgumentException("multiaddr '" + addr + "': invalid " + p[0] + " host '" + host + "'");
        }
        if (!p[2].equals("tcp") && !p[2].equals("udp")) {
            throw new IllegalArgumentException("multiaddr '" + addr + "': expected /tcp or /udp, not /" + p[2]);
        }
        int port;
        try {
            port = Integer.parseInt(p[3]);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535 || !p[3].equals(Integer.toString(port))) {
            throw new IllegalArgumentException("multiaddr '" + addr + "': invalid port '" + p[3] + "'");
        }
        int i = 4;
        while (i < p.length && SUFFIXES.contains(p[i])) {
            i++;
        }
        if (i < p.length) {
            if (!p[i].equals("p2p") || i + 2 != p.length) {
                throw new IllegalArgumentException("multiaddr '" + addr + "': unexpected '/" + p[i] + "'");
            }
            if (!p[i + 1].equals(peerId)) {
                throw new IllegalArgumentException("multiaddr '" + addr + "': /p2p/ id is not the node's peer id");
            }
        }
    }
}
