package org.hypertensor.ledger.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hypertensor.crypto.api.DevKeys;
import org.junit.jupiter.api.Test;

class AccountsTest {

    @Test
    void aWellKnownDevNameNeedsNoSlashesOnADevChainOnly() {
        byte[] bob = DevKeys.derive("//Bob").publicKey();
        assertArrayEquals(bob, Accounts.parse("Bob", true));
        assertArrayEquals(bob, Accounts.parse("//Bob", true));
        assertArrayEquals(bob, Accounts.parse(Accounts.format(bob), false));
        assertThrows(IllegalArgumentException.class, () -> Accounts.parse("Bob", false));
        assertThrows(IllegalArgumentException.class, () -> Accounts.parse("//Bob", false));
    }
}
