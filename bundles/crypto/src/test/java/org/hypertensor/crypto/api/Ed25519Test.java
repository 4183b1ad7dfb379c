package org.hypertensor.crypto.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ed25519Test {

    /** RFC 8032 section 7.1, TEST 1, 2, 3 and SHA(abc): seed, public key, message, signature. */
    @ParameterizedTest
    @CsvSource({
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60, d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '',"
                + " e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb, 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72,"
                + " 92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7, fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025, af82,"
                + " 6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
        "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42, ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf,"
                + " ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f,"
                + " dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704",
    })
    void rfc8032Vectors(String seed, String publicKey, String message, String signature) {
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(Hex.decode(seed));
        byte[] msg = Hex.decode(message == null ? "" : message);
        assertEquals(publicKey, Hex.encode(pair.publicKey()));
        assertEquals(signature, Hex.encode(pair.sign(msg)));
        assertTrue(Ed25519.verify(Hex.decode(publicKey), msg, Hex.decode(signature)));
    }

    @Test
    void tamperedInputsDoNotVerify() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate(new SecureRandom());
        byte[] message = "transfer 10 to bob".getBytes();
        byte[] signature = pair.sign(message);
        assertTrue(Ed25519.verify(pair.publicKey(), message, signature));

        byte[] otherMessage = message.clone();
        otherMessage[0] ^= 1;
        assertFalse(Ed25519.verify(pair.publicKey(), otherMessage, signature));
        byte[] otherSignature = signature.clone();
        otherSignature[10] ^= 1;
        assertFalse(Ed25519.verify(pair.publicKey(), message, otherSignature));
        assertFalse(Ed25519.verify(Ed25519KeyPair.generate(new SecureRandom()).publicKey(), message, signature));
    }

    @Test
    void wrongLengthsNullsAndBadPointsAreFalseNotExceptions() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate(new SecureRandom());
        byte[] message = {1, 2, 3};
        byte[] signature = pair.sign(message);
        assertFalse(Ed25519.verify(new byte[31], message, signature));
        assertFalse(Ed25519.verify(pair.publicKey(), message, new byte[63]));
        assertFalse(Ed25519.verify(null, message, signature));
        assertFalse(Ed25519.verify(pair.publicKey(), null, signature));
        assertFalse(Ed25519.verify(pair.publicKey(), message, null));
        // y = 2 is not on the curve (x^2 has no square root); all-ones is y >= p, not canonical
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2;
        assertFalse(Ed25519.isValidPublicKey(notAPoint));
        assertFalse(Ed25519.verify(notAPoint, message, signature));
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        assertFalse(Ed25519.verify(ones, message, signature));
        assertFalse(Ed25519.verify(pair.publicKey(), message, new byte[64]));
        assertTrue(Ed25519.isValidPublicKey(pair.publicKey()));
    }

    @Test
    void agreesWithTheJdkImplementation() throws Exception {
        SecureRandom random = new SecureRandom();
        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        for (int i = 0; i < 20; i++) {
            Ed25519KeyPair pair = Ed25519KeyPair.generate(random);
            byte[] message = new byte[i * 7];
            random.nextBytes(message);
            Signature jdk = Signature.getInstance("Ed25519");
            jdk.initVerify(jdkPublicKey(factory, pair.publicKey()));
            jdk.update(message);
            assertTrue(jdk.verify(pair.sign(message)), "JDK rejects our signature " + i);
        }
    }

    /** The JDK wants the point as (x is odd, y as a little-endian integer with the top bit cleared). */
    private static PublicKey jdkPublicKey(KeyFactory factory, byte[] encoded) throws Exception {
        byte[] le = encoded.clone();
        boolean xOdd = (le[31] & 0x80) != 0;
        le[31] &= 0x7F;
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        return factory.generatePublic(
                new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, be))));
    }

    @Test
    void keyPairBasics() {
        byte[] seed = new byte[32];
        seed[0] = 7;
        Ed25519KeyPair a = Ed25519KeyPair.fromSeed(seed);
        seed[1] = 9; // the pair copied the seed
        assertEquals(7, a.seed()[0]);
        assertEquals(0, a.seed()[1]);
        assertEquals(a, Ed25519KeyPair.fromSeed(a.seed()));
        assertArrayEquals(a.sign(new byte[] {1}), a.sign(new byte[] {1}), "Ed25519 signing is deterministic");
        assertNotEquals(a, Ed25519KeyPair.fromSeed(seed));
        assertFalse(a.toString().contains(Hex.encode(a.seed())), a.toString());
        assertTrue(a.toString().contains(a.address()));
        assertThrows(IllegalArgumentException.class, () -> Ed25519KeyPair.fromSeed(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519KeyPair.fromSeed(null));
    }
}
