package org.hypertensor.rpc.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code params} of one call, by position (a JSON array) or by name (a JSON object): each accessor takes
 * both the index and the name. A missing required value or one of the wrong type is an
 * {@link RpcError#INVALID_PARAMS} error naming the parameter; JSON {@code null} counts as absent.
 */
public final class RpcParams {

    private static final HexFormat HEX = HexFormat.of();

    private final String method;
    private final JsonNode params;

    /**
     * @param params a JSON array or object, or {@code null}/missing for no parameters (the dispatcher has
     *               already refused anything else)
     */
    public RpcParams(String method, JsonNode params) {
        this.method = method;
        this.params = params == null || params.isNull() ? MissingNode.getInstance() : params;
    }

    /** The method the request named. */
    public String method() {
        return method;
    }

    /** The params as sent (a missing node when there were none). */
    public JsonNode raw() {
        return params;
    }

    /** How many parameters were given (array length or object size). */
    public int size() {
        return params.size();
    }

    /** The value at {@code index} (array) or under {@code name} (object), or {@code null} when absent or null. */
    public JsonNode get(int index, String name) {
        JsonNode value = params.isArray() ? params.get(index) : params.isObject() ? params.get(name) : null;
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    /** Refuses more positional parameters (or other names) than the method takes. */
    public RpcParams atMost(String... names) throws RpcError {
        if (params.isArray() && params.size() > names.length) {
            throw RpcError.invalidParams(method + " takes at most " + names.length + " parameter"
                    + (names.length == 1 ? "" : "s") + ", got " + params.size());
        }
        if (params.isObject()) {
            var fields = params.fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                if (!java.util.List.of(names).contains(field)) {
                    throw RpcError.invalidParams(method + " has no parameter '" + field + "'");
                }
            }
        }
        return this;
    }

    public String text(int index, String name) throws RpcError {
        return optionalText(index, name).orElseThrow(() -> missing(name));
    }

    public Optional<String> optionalText(int index, String name) throws RpcError {
        JsonNode value = get(index, name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw RpcError.invalidParams("parameter '" + name + "' must be a string");
        }
        return Optional.of(value.textValue());
    }

    /** A non-negative integer, given as a JSON number, a decimal string or a {@code 0x} hex string. */
    public long number(int index, String name) throws RpcError {
        OptionalLong value = optionalNumber(index, name);
        if (value.isEmpty()) {
            throw missing(name);
        }
        return value.getAsLong();
    }

    public OptionalLong optionalNumber(int index, String name) throws RpcError {
        JsonNode value = get(index, name);
        if (value == null) {
            return OptionalLong.empty();
        }
        BigInteger n;
        if (value.isIntegralNumber()) {
            n = value.bigIntegerValue();
        } else if (value.isTextual()) {
            n = parseInteger(value.textValue(), name);
        } else {
            throw RpcError.invalidParams("parameter '" + name + "' must be an integer");
        }
        if (n.signum() < 0 || n.bitLength() > 63) {
            throw RpcError.invalidParams("parameter '" + name + "' must be between 0 and " + Long.MAX_VALUE);
        }
        return OptionalLong.of(n.longValueExact());
    }

    public boolean bool(int index, String name, boolean absent) throws RpcError {
        JsonNode value = get(index, name);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw RpcError.invalidParams("parameter '" + name + "' must be true or false");
        }
        return value.booleanValue();
    }

    /** Bytes given as hex (optional {@code 0x}), at most {@code maxBytes} long. */
    public byte[] hex(int index, String name, int maxBytes) throws RpcError {
        return optionalHex(index, name, maxBytes).orElseThrow(() -> missing(name));
    }

    public Optional<byte[]> optionalHex(int index, String name, int maxBytes) throws RpcError {
        Optional<String> text = optionalText(index, name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String digits = text.get().startsWith("0x") || text.get().startsWith("0X")
                ? text.get().substring(2)
                : text.get();
        if (digits.length() % 2 != 0) {
            throw RpcError.invalidParams("parameter '" + name + "' is not hex: odd number of digits");
        }
        if (digits.length() / 2 > maxBytes) {
            throw RpcError.invalidParams("parameter '" + name + "' has " + digits.length() / 2
                    + " bytes, more than the " + maxBytes + " allowed");
        }
        try {
            return Optional.of(HEX.parseHex(digits));
        } catch (IllegalArgumentException e) {
            throw RpcError.invalidParams("parameter '" + name + "' is not hex");
        }
    }

    private static BigInteger parseInteger(String text, String name) throws RpcError {
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return new BigInteger(text.substring(2), 16);
            }
            return new BigInteger(text);
        } catch (NumberFormatException e) {
            throw RpcError.invalidParams("parameter '" + name + "' is not an integer: '" + text + "'");
        }
    }

    private RpcError missing(String name) {
        return RpcError.invalidParams(method + " needs parameter '" + name + "'");
    }
}
