package org.hypertensor.ledger.internal.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hypertensor.ledger.api.Accounts;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.ledger.api.consensus.Validator;
import org.hypertensor.ledger.api.consensus.ValidatorSet;

/**
 * Reads the chain spec JSON strictly: unknown top-level fields, duplicate keys, fractional numbers and
 * missing required fields are errors that name the field. Parameter values are integers or amount
 * strings ({@code "1000 TENSOR"}); every parameter left out gets the spec's public-network default (SpecParameters).
 */
public final class ChainSpecParser {

    private static final Set<String> FIELDS = Set.of(
            "name",
            "id",
            "dev",
            "blockTimeMs",
            "genesisTimestamp",
            "modules",
            "parameters",
            "validators",
            "sudo",
            "genesis",
            "bootNodes");

    private final ObjectMapper json = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public ChainSpec parse(Path file) throws ChainSpecException {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new ChainSpecException("cannot read chain spec " + file + ": " + e.getMessage());
        }
    }

    public ChainSpec parse(String text) throws ChainSpecException {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ChainSpecException("chain spec is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null
                            ? ""
                            : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new ChainSpecException("chain spec must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new ChainSpecException("chain spec: unknown field '" + field + "'");
            }
        }
        String name = text(root, "name");
        String id = text(root, "id");
        boolean dev = root.path("dev").asBoolean(false);
        long blockTime = positiveLong(root, "blockTimeMs", 6000);
        long genesisTimestamp = positiveLong(root, "genesisTimestamp", 0);
        List<ModuleRequirement> modules = modules(root.get("modules"));
        Map<String, BigInteger> parameters = SpecParameters.withDefaults(
                parameters(root.get("parameters")),
                modules.stream().map(ModuleRequirement::name).toList());
        parameters.put("BlockTimeMs", BigInteger.valueOf(blockTime));
        List<Validator> validators = new ArrayList<>();
        for (JsonNode v : array(root, "validators", true)) {
            validators.add(validator(v, dev));
        }
        if (validators.isEmpty()) {
            throw new ChainSpecException("chain spec: 'validators' must list at least one validator");
        }
        ValidatorSet validatorSet;
        try {
            validatorSet = new ValidatorSet(validators);
        } catch (IllegalArgumentException e) {
            throw new ChainSpecException("chain spec: validators: " + e.getMessage());
        }
        byte[] sudo = root.has("sudo") ? account(root.get("sudo"), "sudo", dev) : null;
        Map<String, Map<String, Object>> genesis = genesis(root.get("genesis"));
        List<String> bootNodes = new ArrayList<>();
        for (JsonNode b : array(root, "bootNodes", false)) {
            bootNodes.add(b.asText());
        }
        return new ChainSpec(
                name,
                id,
                dev,
                blockTime,
                genesisTimestamp,
                List.copyOf(modules),
                parameters,
                validatorSet,
                sudo,
                genesis,
                List.copyOf(bootNodes));
    }

    private static List<ModuleRequirement> modules(JsonNode node) throws ChainSpecException {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new ChainSpecException("chain spec: 'modules' must list the required runtime modules");
        }
        List<ModuleRequirement> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode m : node) {
            String name = m.path("name").asText("");
            if (!name.matches("[a-z][a-z0-9_]{0,31}")) {
                throw new ChainSpecException("chain spec: module name '" + name + "' is invalid");
            }
            if (!m.path("version").canConvertToInt() || m.path("version").asInt() < 1) {
                throw new ChainSpecException("chain spec: module " + name + " needs an integer version ≥ 1");
            }
            if (!seen.add(name)) {
                throw new ChainSpecException("chain spec: module " + name + " is listed twice");
            }
            out.add(new ModuleRequirement(name, m.get("version").asInt()));
        }
        return out;
    }

    private static Map<String, BigInteger> parameters(JsonNode node) throws ChainSpecException {
        Map<String, BigInteger> out = new TreeMap<>();
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            throw new ChainSpecException("chain spec: 'parameters' must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().matches("[A-Za-z][A-Za-z0-9_.]{0,95}")) {
                throw new ChainSpecException("chain spec: parameter name '" + e.getKey() + "' is invalid");
            }
            out.put(e.getKey(), integer(e.getValue(), "parameters." + e.getKey()));
        }
        return out;
    }

    private static Map<String, Map<String, Object>> genesis(JsonNode node) throws ChainSpecException {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            throw new ChainSpecException("chain spec: 'genesis' must be an object of module sections");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                throw new ChainSpecException("chain spec: genesis." + e.getKey() + " must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> section = (Map<String, Object>) plain(e.getValue(), "genesis." + e.getKey());
            out.put(e.getKey(), section);
        }
        return out;
    }

    /** JSON as sorted maps, lists, strings, BigIntegers and booleans: what modules receive. */
    private static Object plain(JsonNode node, String where) throws ChainSpecException {
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), plain(e.getValue(), where + "." + e.getKey()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            int i = 0;
            for (JsonNode n : node) {
                list.add(plain(n, where + "[" + i++ + "]"));
            }
            return List.copyOf(list);
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            throw new ChainSpecException("chain spec: " + where + " must be an integer (consensus values are exact)");
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull()) {
            throw new ChainSpecException("chain spec: " + where + " is null");
        }
        return node.asText();
    }

    private static BigInteger integer(JsonNode node, String where) throws ChainSpecException {
        if (node.isIntegralNumber() && node.bigIntegerValue().signum() >= 0) {
            return node.bigIntegerValue();
        }
        if (node.isTextual()) {
            try {
                return Amounts.parse(node.asText());
            } catch (IllegalArgumentException e) {
                throw new ChainSpecException("chain spec: " + where + ": " + e.getMessage());
            }
        }
        throw new ChainSpecException("chain spec: " + where + " must be a non-negative integer or an amount string");
    }

    /** {@code "//Alice"} (power 1, no bond) or {@code {"account": …, "power": n, "bond": "100 TENSOR"}}. */
    private static Validator validator(JsonNode v, boolean dev) throws ChainSpecException {
        if (!v.isObject()) {
            return new Validator(account(v, "validators", dev), 1, BigInteger.ZERO);
        }
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!List.of("account", "power", "bond").contains(field)) {
                throw new ChainSpecException("chain spec: validators: unknown field '" + field + "'");
            }
        }
        byte[] account = account(v.path("account"), "validators.account", dev);
        JsonNode power = v.path("power");
        if (!power.isMissingNode() && (!power.isIntegralNumber() || !power.canConvertToLong() || power.asLong() < 1)) {
            throw new ChainSpecException("chain spec: validators.power must be a positive integer");
        }
        BigInteger bond = v.has("bond") ? integer(v.get("bond"), "validators.bond") : BigInteger.ZERO;
        return new Validator(account, power.isMissingNode() ? 1 : power.asLong(), bond);
    }

    private static byte[] account(JsonNode node, String where, boolean dev) throws ChainSpecException {
        try {
            return Accounts.parse(node.asText(), dev);
        } catch (IllegalArgumentException e) {
            throw new ChainSpecException("chain spec: " + where + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode root, String field) throws ChainSpecException {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new ChainSpecException("chain spec: '" + field + "' is required (text)");
        }
        return node.asText();
    }

    private static long positiveLong(JsonNode root, String field, long fallback) throws ChainSpecException {
        JsonNode node = root.get(field);
        if (node == null) {
            return fallback;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 0) {
            throw new ChainSpecException("chain spec: '" + field + "' must be a non-negative integer");
        }
        return node.asLong();
    }

    private static Iterable<JsonNode> array(JsonNode root, String field, boolean required) throws ChainSpecException {
        JsonNode node = root.get(field);
        if (node == null && !required) {
            return List.of();
        }
        if (node == null || !node.isArray()) {
            throw new ChainSpecException("chain spec: '" + field + "' must be an array");
        }
        return node;
    }
}
