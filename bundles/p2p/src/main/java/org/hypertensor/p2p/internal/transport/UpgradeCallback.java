package org.hypertensor.p2p.internal.transport;

import io.netty.channel.Channel;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.internal.yamux.YamuxSession;

/** What the host is told while a TCP connection is upgraded to a secure multiplexed one. */
public interface UpgradeCallback {

    /**
     * The peer proved its id; returns the session listener, or throws to refuse the peer (the connection
     * is then closed).
     */
    YamuxSession.Listener onSecured(Channel channel, PeerId peer, Multiaddr remoteAddress, boolean initiator);

    /** The session is in place and streams may be opened. */
    void onReady(Channel channel, YamuxSession session);

    /** The upgrade failed; the channel is closed. Called at most once, never after {@link #onReady}. */
    void onFailed(Channel channel, Throwable cause);
}
