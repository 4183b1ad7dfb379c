package org.hypertensor.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Keystore;
import org.hypertensor.crypto.api.KeystoreException;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The key: commands and the Keystore service in a running node, with files under its data directory. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KeysIT extends NodeContainer {

    @Test
    public void keysThroughTheShellAndTheService() throws Exception {
        Path password = home().resolve("password.txt");
        Files.writeString(password, "itest-password\n");
        String pw = " --password-file " + password + " ";

        String generated = shell("key:generate" + pw + "validator");
        assertTrue(generated, generated.matches("(?s).*address\\s+5\\w{47}.*peer id\\s+12D3KooW.*"));
        assertTrue(shell("key:list").contains("validator"));

        String unquoted = shellError("key:import" + pw + "--dev alice //Alice");
        assertTrue(unquoted, unquoted.contains("quote development URIs"));
        String refused = shellError("key:import" + pw + "alice '//Alice'");
        assertTrue(refused, refused.contains("add --dev"));
        String alice = DevKeys.derive("//Alice").address();
        assertTrue(shell("key:import" + pw + "--dev alice '//Alice'").contains(alice));
        assertTrue(Files.isRegularFile(home().resolve("data/keystore/" + alice + ".json")));
        assertTrue(shell("key:inspect " + alice).contains("alice"));
        assertTrue(shell("key:inspect '//Bob'").contains(DevKeys.derive("//Bob").address()));

        Keystore keystore = service(Keystore.class);
        Ed25519KeyPair pair = keystore.unlock("alice", "itest-password".toCharArray());
        assertEquals(DevKeys.derive("//Alice"), pair);
        byte[] message = {1, 2, 3};
        assertTrue(Ed25519.verify(pair.publicKey(), message, pair.sign(message)));
        try {
            keystore.unlock("alice", "itest-password".toCharArray(), false);
            fail("a development key was unlocked for a chain not marked dev");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("is a development key"));
        }
        try {
            keystore.unlock("alice", "wrong".toCharArray());
            fail("a wrong password opened the key");
        } catch (KeystoreException e) {
            assertEquals(KeystoreException.Reason.WRONG_PASSWORD, e.reason());
        }
        assertEquals(
                "key:remove deletes alice (" + alice + ") for good; repeat with --yes", shellError("key:remove alice"));
        assertTrue(shell("key:remove --yes alice").contains("removed"));
        assertEquals(1, keystore.list().size());
    }
}
