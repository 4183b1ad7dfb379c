package org.hypertensor.bft.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.junit.jupiter.api.Test;

/** Signing bytes, encodings and verification of votes, proposals and evidence. */
class MessagesTest {

    static final BlockHash CHAIN = CertificateTest.hash("msg-chain");
    static final BlockHash A = CertificateTest.hash("A");
    static final BlockHash B = CertificateTest.hash("B");
    final Ed25519KeyPair key = DevKeys.derive("//Msg");

    @Test
    void signingBytesAreDomainSeparatedLittleEndian() {
        byte[] bytes = SigningBytes.vote(CHAIN, Step.PRECOMMIT, 0x0102, 7, null);
        byte[] domain = "hypertensor/bft/v1".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(domain, Arrays.copyOfRange(bytes, 0, 18));
        assertArrayEquals(CHAIN.bytes(), Arrays.copyOfRange(bytes, 18, 50));
        assertArrayEquals(new byte[] {2, 1, 0, 0, 0, 0, 0, 0}, Arrays.copyOfRange(bytes, 50, 58));
        assertArrayEquals(new byte[] {7, 0, 0, 0}, Arrays.copyOfRange(bytes, 58, 62));
        assertEquals(2, bytes[62]);
        assertArrayEquals(new byte[32], Arrays.copyOfRange(bytes, 63, 95), "nil is 32 zero bytes");
        assertEquals(95, bytes.length);
        assertFalse(Arrays.equals(bytes, SigningBytes.vote(CHAIN, Step.PREVOTE, 0x0102, 7, null)));
        assertEquals(96, SigningBytes.proposal(CHAIN, 1, 0, A, -1).length);
        assertEquals(100, SigningBytes.proposal(CHAIN, 1, 1, A, 0).length);
    }

    @Test
    void votesRoundTripAndVerify() {
        Vote vote = Vote.sign(key, CHAIN, Step.PREVOTE, 9, 3, A);
        Vote nil = Vote.sign(key, CHAIN, Step.PRECOMMIT, 9, 3, null);
        assertEquals(vote, Vote.decode(vote.encode()));
        assertEquals(nil, Vote.decode(nil.encode()));
        assertTrue(Vote.decode(vote.encode()).verify(CHAIN));
        assertFalse(vote.verify(B), "another chain");
        byte[] bytes = vote.encode();
        bytes[0] = 0; // a proposal type is not a vote
        assertThrows(DecodeException.class, () -> Vote.decode(bytes));
        assertThrows(DecodeException.class, () -> Vote.decode(new byte[5]));
    }

    @Test
    void proposalsRoundTripAndSignTheirValidRound() {
        Proposal p = Proposal.sign(key, CHAIN, 4, 2, A, 1);
        assertEquals(p, Proposal.decode(p.encode()));
        assertTrue(p.verify(CHAIN));
        Proposal relabelled = new Proposal(4, 2, A, -1, p.proposer(), p.signature());
        assertFalse(relabelled.verify(CHAIN), "a relay cannot change the valid round");
        Proposal none = Proposal.sign(key, CHAIN, 4, 0, A, -1);
        assertEquals(-1, Proposal.decode(none.encode()).validRound());
    }

    @Test
    void evidenceIsCanonicalAndVerifiesAlone() throws VerificationException {
        Vote a = Vote.sign(key, CHAIN, Step.PREVOTE, 9, 3, A);
        Vote b = Vote.sign(key, CHAIN, Step.PREVOTE, 9, 3, B);
        Evidence e1 = Evidence.of(a, b);
        Evidence e2 = Evidence.of(b, a);
        assertEquals(e1, e2);
        assertArrayEquals(e1.encode(), e2.encode(), "one encoding per equivocation");
        Evidence.decode(e1.encode()).verify(CHAIN);
        assertThrows(VerificationException.class, () -> e1.verify(B));
        assertThrows(IllegalArgumentException.class, () -> Evidence.of(a, a));
        Vote otherRound = Vote.sign(key, CHAIN, Step.PREVOTE, 9, 4, B);
        assertThrows(IllegalArgumentException.class, () -> Evidence.of(a, otherRound));
        Vote otherKey = Vote.sign(DevKeys.derive("//Else"), CHAIN, Step.PREVOTE, 9, 3, B);
        assertThrows(IllegalArgumentException.class, () -> Evidence.of(a, otherKey));
        byte[] reversed = new byte[e1.encode().length];
        byte[] first = e1.first().encode();
        byte[] second = e1.second().encode();
        System.arraycopy(second, 0, reversed, 0, second.length);
        System.arraycopy(first, 0, reversed, second.length, first.length);
        assertThrows(DecodeException.class, () -> Evidence.decode(reversed), "non-canonical order");
        Vote forged = new Vote(Step.PREVOTE, 9, 3, B, a.validator(), a.signature());
        Evidence fake = Evidence.of(a, forged);
        assertThrows(VerificationException.class, () -> fake.verify(CHAIN));
    }
}
