package org.hypertensor.rpc.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The slow-body attack of issue 15: connections that send a POST's headers declaring a large body, then one
 * byte at a time. Real sockets on loopback.
 */
public final class SlowClients implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();

    /** Opens {@code count} connections to {@code port}, each with its headers and the first body byte sent. */
    public SlowClients(int port, int count, int declaredBytes) throws IOException {
        byte[] head = ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                        + declaredBytes + "\r\n\r\n[")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            sockets.add(s);
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.getOutputStream().write(head);
            s.getOutputStream().flush();
        }
    }

    /** One more body byte on every connection still open; returns how many were still open. */
    public int trickle() {
        int open = 0;
        for (Socket s : sockets) {
            try {
                OutputStream out = s.getOutputStream();
                out.write(' ');
                out.flush();
                open++;
            } catch (IOException e) {
                // closed by the server: what the defence does
            }
        }
        return open;
    }

    /** What the server answered on connection {@code index} (read until it closes, at most 64 KiB). */
    public String answer(int index, int timeoutMillis) throws IOException {
        Socket s = sockets.get(index);
        s.setSoTimeout(timeoutMillis);
        InputStream in = s.getInputStream();
        byte[] all = in.readNBytes(65_536);
        return new String(all, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
