package org.hypertensor.p2p.internal.host;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.hypertensor.p2p.internal.multistream.MultistreamCodec;
import org.hypertensor.p2p.internal.noise.CipherState;
import org.hypertensor.p2p.internal.noise.NoiseHandshake;
import org.hypertensor.util.proto.Varint;

/**
 * A hand-driven peer on a plain socket, for sending what a well-behaved implementation never would:
 * raw bytes before Noise, or arbitrary yamux frames over an established Noise session.
 */
final class RawClient implements AutoCloseable {

    /** A yamux frame as read back. */
    record Frame(int type, int flags, int stream, long length) {}

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private CipherState send;
    private CipherState receive;
    private final ByteArrayOutputStream plain = new ByteArrayOutputStream();
    private byte[] pending = new byte[0];

    RawClient(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(3000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next multistream message from the server. */
    String readMultistream() throws IOException {
        long len = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            len |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        byte[] body = new byte[(int) len];
        in.readFully(body);
        return MultistreamCodec.text(body, body.length);
    }

    /** Negotiates /noise and runs the XX handshake as initiator, offering yamux in the payload. */
    void secure(NodeKey key) throws IOException {
        writeRaw(MultistreamCodec.encode(MultistreamCodec.HEADER, "/noise"));
        readMultistream();
        readMultistream();
        NoiseHandshake hs = new NoiseHandshake(true, key, List.of("/yamux/1.0.0"), new SecureRandom());
        writeFrame(hs.writeMessage());
        hs.readMessage(readFrame());
        writeFrame(hs.writeMessage());
        NoiseHandshake.Result r = hs.result();
        send = r.send();
        receive = r.receive();
    }

    void writeFrame(byte[] body) throws IOException {
        byte[] f = new byte[2 + body.length];
        f[0] = (byte) (body.length >> 8);
        f[1] = (byte) body.length;
        System.arraycopy(body, 0, f, 2, body.length);
        writeRaw(f);
    }

    byte[] readFrame() throws IOException {
        int len = in.readUnsignedShort();
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }

    /** Encrypts and sends plaintext (one Noise message). */
    void sendSecure(byte[] plaintext) throws IOException {
        writeFrame(send.encrypt(new byte[0], plaintext));
    }

    static byte[] yamux(int type, int flags, int stream, long length, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.put((byte) 0)
                .put((byte) type)
                .putShort((short) flags)
                .putInt(stream)
                .putInt((int) length)
                .put(data);
        return b.array();
    }

    /** Reads yamux frames (skipping their data) until one matches; null if the connection closes first. */
    Frame awaitFrame(java.util.function.Predicate<Frame> match) throws IOException {
        while (true) {
            while (pending.length >= 12) {
                ByteBuffer b = ByteBuffer.wrap(pending);
                b.get();
                int type = b.get() & 0xFF;
                int flags = b.getShort() & 0xFFFF;
                int stream = b.getInt();
                long length = b.getInt() & 0xFFFFFFFFL;
                int size = 12 + (type == 0 ? (int) length : 0);
                if (pending.length < size) {
                    break;
                }
                pending = java.util.Arrays.copyOfRange(pending, size, pending.length);
                Frame f = new Frame(type, flags, stream, length);
                if (match.test(f)) {
                    return f;
                }
            }
            byte[] more;
            try {
                more = receive.decrypt(new byte[0], readFrame());
            } catch (EOFException e) {
                return null;
            }
            plain.reset();
            plain.writeBytes(pending);
            plain.writeBytes(more);
            pending = plain.toByteArray();
        }
    }

    /** True if the server closes the connection within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    static byte[] varint(long v) {
        return Varint.encode(v);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
