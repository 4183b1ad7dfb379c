package org.hypertensor.p2p.api;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.Varint;

/**
 * A multiaddr, e.g. {@code /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…}, in text and binary form. Knows
 * {@code ip4 ip6 dns dns4 dns6 dnsaddr tcp udp p2p} and the value-less {@code quic-v1 ws wss p2p-circuit}.
 * Immutable.
 */
public final class Multiaddr {

    /** One protocol of a multiaddr: its name and its value in binary form (empty when it has none). */
    public record Component(String protocol, byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Component c && c.protocol.equals(protocol) && Arrays.equals(c.value, value);
        }

        @Override
        public int hashCode() {
            return protocol.hashCode() * 31 + Arrays.hashCode(value);
        }
    }

    /** Size -1 = length-prefixed value; 0 = no value. */
    private enum Proto {
        IP4(4, "ip4", 4),
        TCP(6, "tcp", 2),
        UDP(273, "udp", 2),
        IP6(41, "ip6", 16),
        DNS(53, "dns", -1),
        DNS4(54, "dns4", -1),
        DNS6(55, "dns6", -1),
        DNSADDR(56, "dnsaddr", -1),
        P2P(421, "p2p", -1),
        P2P_CIRCUIT(290, "p2p-circuit", 0),
        WS(477, "ws", 0),
        WSS(478, "wss", 0),
        QUIC_V1(0x01cc, "quic-v1", 0);

        final int code;
        final String name;
        final int size;

        Proto(int code, String name, int size) {
            this.code = code;
            this.name = name;
            this.size = size;
        }

        static Proto byName(String name) {
            for (Proto p : values()) {
                if (p.name.equals(name) || (p == P2P && name.equals("ipfs"))) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown multiaddr protocol '" + name + "'");
        }

        static Proto byCode(long code) {
            for (Proto p : values()) {
                if (p.code == code) {
                    return p;
                }
            }
            throw new MalformedInputException("unknown multiaddr protocol code " + code);
        }
    }

    private final List<Component> components;

    private Multiaddr(List<Component> components) {
        this.components = List.copyOf(components);
    }

    /** Parses the text form. */
    public static Multiaddr parse(String text) {
        String t = text.trim();
        if (!t.startsWith("/")) {
            throw new IllegalArgumentException("a multiaddr starts with '/': '" + text + "'");
        }
        String[] parts = t.substring(1).split("/", -1);
        List<Component> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() && i == parts.length - 1 && i > 0) {
                break;
            }
            Proto p = Proto.byName(parts[i]);
            if (p.size == 0) {
                out.add(new Component(p.name, new byte[0]));
                continue;
            }
            if (++i >= parts.length || parts[i].isEmpty()) {
                throw new IllegalArgumentException("multiaddr protocol '" + p.name + "' needs a value: '" + text + "'");
            }
            out.add(new Component(p.name, valueFromText(p, parts[i])));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty multiaddr");
        }
        return new Multiaddr(out);
    }

    /** Decodes the binary form. */
    public static Multiaddr fromBytes(byte[] bytes) {
        int[] pos = {0};
        List<Component> out = new ArrayList<>();
        while (pos[0] < bytes.length) {
            Proto p = Proto.byCode(Varint.read(bytes, pos));
            int size = p.size;
            if (size < 0) {
                long len = Varint.read(bytes, pos);
                if (len < 0 || len > bytes.length - pos[0]) {
                    throw new MalformedInputException("multiaddr value longer than the address");
                }
                size = (int) len;
            }
            if (size > bytes.length - pos[0]) {
                throw new MalformedInputException("truncated multiaddr");
            }
            byte[] value = Arrays.copyOfRange(bytes, pos[0], pos[0] + size);
            pos[0] += size;
            if (p == Proto.P2P) {
                PeerId.fromBytes(value);
            }
            out.add(new Component(p.name, value));
        }
        if (out.isEmpty()) {
            throw new MalformedInputException("empty multiaddr");
        }
        return new Multiaddr(out);
    }

    /** {@code /ip4|ip6/ADDR/tcp/PORT} of a socket address. */
    public static Multiaddr tcp(InetSocketAddress address) {
        InetAddress a = address.getAddress();
        String ip = a instanceof Inet6Address ? "ip6" : "ip4";
        return parse("/" + ip + "/" + a.getHostAddress().replaceAll("%.*$", "") + "/tcp/" + address.getPort());
    }

    public List<Component> components() {
        return components;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Component c : components) {
            Proto p = Proto.byName(c.protocol);
            out.writeBytes(Varint.encode(p.code));
            if (p.size < 0) {
                out.writeBytes(Varint.encode(c.value.length));
            }
            out.writeBytes(c.value);
        }
        return out.toByteArray();
    }

    /** The value of the first component of {@code protocol}, in text form. */
    public Optional<String> value(String protocol) {
        for (Component c : components) {
            if (c.protocol.equals(protocol)) {
                return Optional.of(valueToText(Proto.byName(protocol), c.value));
            }
        }
        return Optional.empty();
    }

    /** The {@code /p2p/} peer id, if the address has one. */
    public Optional<PeerId> peerId() {
        for (Component c : components) {
            if (c.protocol.equals("p2p")) {
                return Optional.of(PeerId.fromBytes(c.value));
            }
        }
        return Optional.empty();
    }

    /** This address without its {@code /p2p/} part. */
    public Multiaddr withoutPeerId() {
        List<Component> out = new ArrayList<>();
        for (Component c : components) {
            if (!c.protocol.equals("p2p")) {
                out.add(c);
            }
        }
        return out.isEmpty() ? this : new Multiaddr(out);
    }

    /** This address with {@code /p2p/peer} appended (replacing one it had). */
    public Multiaddr withPeerId(PeerId peer) {
        List<Component> out = new ArrayList<>(withoutPeerId().components);
        out.add(new Component("p2p", peer.toBytes()));
        return new Multiaddr(out);
    }

    /** Host and port of a TCP address ({@code /ip4|ip6|dns|dns4|dns6/HOST/tcp/PORT/...}), unresolved. */
    public InetSocketAddress toTcpSocketAddress() {
        if (components.size() < 2 || !components.get(1).protocol.equals("tcp")) {
            throw new IllegalArgumentException("not a TCP multiaddr: " + this);
        }
        Component host = components.get(0);
        int port = Integer.parseInt(valueToText(Proto.TCP, components.get(1).value));
        return switch (host.protocol) {
            case "ip4", "ip6" -> new InetSocketAddress(valueToText(Proto.byName(host.protocol), host.value), port);
            case "dns", "dns4", "dns6" ->
                InetSocketAddress.createUnresolved(new String(host.value, StandardCharsets.UTF_8), port);
            default -> throw new IllegalArgumentException("not a TCP multiaddr: " + this);
        };
    }

    private static byte[] valueFromText(Proto p, String text) {
        try {
            return switch (p) {
                case IP4 -> {
                    if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                        throw new IllegalArgumentException("bad IPv4 address '" + text + "'");
                    }
                    InetAddress a = InetAddress.getByName(text);
                    if (!(a instanceof Inet4Address)) {
                        throw new IllegalArgumentException("bad IPv4 address '" + text + "'");
                    }
                    yield a.getAddress();
                }
                case IP6 -> {
                    if (!text.contains(":") || !text.matches("[0-9a-fA-F:.]+")) {
                        throw new IllegalArgumentException("bad IPv6 address '" + text + "'");
                    }
                    byte[] raw = InetAddress.getByName(text).getAddress();
                    if (raw.length == 4) {
                        byte[] mapped = new byte[16];
                        mapped[10] = (byte) 0xFF;
                        mapped[11] = (byte) 0xFF;
                        System.arraycopy(raw, 0, mapped, 12, 4);
                        raw = mapped;
                    }
                    yield raw;
                }
                case TCP, UDP -> {
                    int port = Integer.parseInt(text);
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("port out of range: " + text);
                    }
                    yield new byte[] {(byte) (port >> 8), (byte) port};
                }
                case DNS, DNS4, DNS6, DNSADDR -> {
                    if (text.length() > 253) {
                        throw new IllegalArgumentException("host name too long");
                    }
                    yield text.getBytes(StandardCharsets.UTF_8);
                }
                case P2P -> PeerId.parse(text).toBytes();
                default -> throw new IllegalArgumentException(p.name + " takes no value");
            };
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("bad " + p.name + " value '" + text + "'");
        }
    }

    private static String valueToText(Proto p, byte[] v) {
        try {
            return switch (p) {
                case IP4, IP6 -> {
                    InetAddress a = InetAddress.getByAddress(v);
                    yield a.getHostAddress();
                }
                case TCP, UDP -> String.valueOf(((v[0] & 0xFF) << 8) | (v[1] & 0xFF));
                case DNS, DNS4, DNS6, DNSADDR -> new String(v, StandardCharsets.UTF_8);
                case P2P -> PeerId.fromBytes(v).toBase58();
                default -> "";
            };
        } catch (UnknownHostException e) {
            throw new MalformedInputException("bad " + p.name + " value");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Component c : components) {
            Proto p = Proto.byName(c.protocol);
            sb.append('/').append(p.name);
            if (p.size != 0) {
                sb.append('/').append(valueToText(p, c.value));
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multiaddr m && m.components.equals(components);
    }

    @Override
    public int hashCode() {
        return components.hashCode();
    }
}
