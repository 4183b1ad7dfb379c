package org.hypertensor.crypto.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Non-interactive keystore password sources: a file ({@code --password-file PATH}) or the
 * environment variable {@value #ENVIRONMENT_VARIABLE}. (The shell also prompts on its console.)
 */
public final class Passwords {

    /** The environment variable a node or script can give the keystore password in. */
    public static final String ENVIRONMENT_VARIABLE = "HYPERTENSOR_KEYSTORE_PASSWORD";

    private Passwords() {}

    /**
     * The password in a file: its UTF-8 text up to the first line break (a trailing newline is not
     * part of the password).
     *
     * @throws KeystoreException if the file cannot be read or is not UTF-8
     * @throws IllegalArgumentException if the password is empty
     */
    public static char[] fromFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KeystoreException(
                    KeystoreException.Reason.IO,
                    "cannot read password file " + file + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        CharBuffer chars;
        try {
            chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new KeystoreException(KeystoreException.Reason.IO, "password file " + file + " is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        int end = 0;
        while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
            end++;
        }
        char[] password = new char[end];
        chars.get(password, 0, end);
        Arrays.fill(chars.array(), '\0');
        if (password.length == 0) {
            throw new IllegalArgumentException("password file " + file + " is empty");
        }
        return password;
    }

    /** The password in {@value #ENVIRONMENT_VARIABLE}, if set and not empty. */
    public static Optional<char[]> fromEnvironment() {
        String value = System.getenv(ENVIRONMENT_VARIABLE);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value.toCharArray());
    }

    /**
     * The password from {@code passwordFile} if given, else from the environment variable.
     *
     * @return empty if neither gives one
     */
    public static Optional<char[]> fromFileOrEnvironment(Path passwordFile) {
        return passwordFile != null ? Optional.of(fromFile(passwordFile)) : fromEnvironment();
    }
}
