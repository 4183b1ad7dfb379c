package org.hypertensor.dht.internal.net;

import org.hypertensor.dht.internal.routing.Contact;
import org.hypertensor.dht.internal.routing.NodeId;
import org.hypertensor.p2p.api.PeerId;

/** Routing-table contacts of libp2p peers: id = SHA-256(peer id bytes), name = the base58 text. */
public final class Contacts {

    private Contacts() {}

    public static Contact of(PeerId peer) {
        return new Contact(NodeId.hashOf(peer.toBytes()), peer.toBase58());
    }

    public static PeerId peerOf(Contact contact) {
        return PeerId.parse(contact.peer());
    }
}
