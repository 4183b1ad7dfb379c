package org.hypertensor.bft.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.junit.jupiter.api.Test;

class CertificateTest {

    static final BlockHash CHAIN = hash("cert-chain");
    static final BlockHash BLOCK = hash("block");

    static BlockHash hash(String s) {
        return BlockHash.of(Hashes.blake2b256(s.getBytes(StandardCharsets.UTF_8)));
    }

    final List<Ed25519KeyPair> keys = new ArrayList<>();
    final ValidatorSet set;

    CertificateTest() {
        long[] powers = {3, 1, 1, 1}; // total 6: a quorum needs 5 (3 × 5 > 12), 4 is exactly 2/3
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < powers.length; i++) {
            keys.add(DevKeys.derive("//Cert" + i));
            validators.add(new Validator(ValidatorKey.of(keys.get(i).publicKey()), powers[i]));
        }
        set = ValidatorSet.of(validators);
    }

    Vote precommit(int signer, long height) {
        return Vote.sign(keys.get(signer), CHAIN, Step.PRECOMMIT, height, 2, BLOCK);
    }

    Certificate of(int... signers) {
        List<Vote> votes = new ArrayList<>();
        for (int s : signers) {
            votes.add(precommit(s, 10));
        }
        return Certificate.of(votes);
    }

    @Test
    void moreThanTwoThirdsVerifiesAndRoundTrips() {
        Certificate c = of(3, 0, 1); // any order in, sorted out
        assertDoesNotThrow(() -> c.verifyFor(set, CHAIN, 10, BLOCK));
        Certificate decoded = Certificate.decode(c.encode());
        assertEquals(c, decoded);
        assertDoesNotThrow(() -> decoded.verify(set, CHAIN));
        for (int i = 1; i < c.signatures().size(); i++) {
            assertTrue(c.signatures()
                            .get(i - 1)
                            .validator()
                            .compareTo(c.signatures().get(i).validator())
                    < 0);
        }
    }

    @Test
    void exactlyTwoThirdsIsRefused() {
        VerificationException e = assertThrows(VerificationException.class, () -> of(0, 1).verify(set, CHAIN));
        assertTrue(e.getMessage().contains("not more than 2/3"), e.getMessage());
        assertThrows(VerificationException.class, () -> of(1, 2, 3).verify(set, CHAIN));
    }

    @Test
    void aForgedSignatureIsRefused() {
        Certificate good = of(0, 1, 2);
        List<Certificate.CommitSignature> signatures = new ArrayList<>(good.signatures());
        Certificate.CommitSignature victim = signatures.get(1);
        byte[] forged =
                Vote.sign(keys.get(3), CHAIN, Step.PRECOMMIT, 10, 2, BLOCK).signature();
        signatures.set(1, new Certificate.CommitSignature(victim.validator(), forged));
        Certificate bad = new Certificate(10, 2, BLOCK, signatures);
        VerificationException e = assertThrows(VerificationException.class, () -> bad.verify(set, CHAIN));
        assertTrue(e.getMessage().contains("bad signature"), e.getMessage());
        assertThrows(VerificationException.class, () -> good.verify(set, hash("another chain")));
    }

    @Test
    void aWrongHeightIsRefused() {
        Certificate c = of(0, 1, 2);
        assertThrows(VerificationException.class, () -> c.verifyFor(set, CHAIN, 11, BLOCK));
        // the same signatures claimed for another height do not verify
        Certificate moved = new Certificate(11, 2, BLOCK, c.signatures());
        assertThrows(VerificationException.class, () -> moved.verify(set, CHAIN));
        assertThrows(VerificationException.class, () -> c.verifyFor(set, CHAIN, 10, hash("other block")));
    }

    @Test
    void aDuplicateSignerIsRefused() {
        Certificate c = of(1, 2, 3);
        List<Certificate.CommitSignature> signatures = new ArrayList<>(c.signatures());
        signatures.add(1, signatures.get(0)); // counts power 1 twice: 4 of 6 would still fail, so use 2 copies
        signatures.add(1, signatures.get(0));
        Certificate dup = new Certificate(10, 2, BLOCK, signatures);
        VerificationException e = assertThrows(VerificationException.class, () -> dup.verify(set, CHAIN));
        assertTrue(e.getMessage().contains("increasing order"), e.getMessage());
    }

    @Test
    void aSignerOutsideTheSetIsRefused() {
        Ed25519KeyPair outsider = DevKeys.derive("//CertOutsider");
        List<Vote> votes = new ArrayList<>(List.of(precommit(0, 10), precommit(1, 10), precommit(2, 10)));
        votes.add(Vote.sign(outsider, CHAIN, Step.PRECOMMIT, 10, 2, BLOCK));
        assertThrows(VerificationException.class, () -> Certificate.of(votes).verify(set, CHAIN));
    }

    @Test
    void malformedBytesAreRefused() {
        byte[] bytes = of(0, 1, 2).encode();
        assertThrows(DecodeException.class, () -> Certificate.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1)));
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(DecodeException.class, () -> Certificate.decode(longer));
        assertThrows(IllegalArgumentException.class, () -> Certificate.of(List.of(precommit(0, 10), precommit(1, 11))));
    }
}
