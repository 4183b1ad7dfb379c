package org.hypertensor.ledger.internal.validators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.consensus.ActiveSet;
import org.hypertensor.ledger.api.consensus.Equivocation;
import org.hypertensor.ledger.api.consensus.ValidatorSet;
import org.hypertensor.ledger.api.runtime.ModuleStorage;

/**
 * The validator sets in chain state, under {@code validators/}: {@code height} (the block this state is
 * after), {@code current} (the set that finalizes that block) and {@code next} (the set of the next
 * height), each with the height it took effect ({@code current.since}, {@code next.since}), the set
 * {@code pending} for the next epoch (sudo changes) and a marker per reported equivocation
 * ({@code ev ‖ offender ‖ height ‖ round ‖ step}). Lists are sorted by account: one encoding.
 */
public final class ValidatorRegistry {

    static final int MAX_MEMBERS = 10_000;
    private static final byte[] HEIGHT = key("height");
    private static final byte[] CURRENT = key("current");
    private static final byte[] CURRENT_SINCE = key("current.since");
    private static final byte[] NEXT = key("next");
    private static final byte[] NEXT_SINCE = key("next.since");
    private static final byte[] PENDING = key("pending");
    private static final byte[] EVIDENCE = key("ev");

    private final ModuleStorage storage;

    public ValidatorRegistry(ModuleStorage storage) {
        this.storage = storage;
    }

    /** Whether this chain keeps its sets in state (its spec requires the validators module). */
    public boolean present() {
        return storage.get(HEIGHT) != null;
    }

    /**
     * The set of {@code height}: the head's ({@code current}) or the next height's ({@code next});
     * empty when this state keeps no sets.
     *
     * @throws IllegalArgumentException for any other height
     */
    public Optional<ActiveSet> active(long height) {
        if (!present()) {
            return Optional.empty();
        }
        long head = u64(HEIGHT);
        if (height == head + 1) {
            return Optional.of(new ActiveSet(height, u64(NEXT_SINCE), set(members(NEXT))));
        }
        if (height == head && head > 0) {
            return Optional.of(new ActiveSet(height, u64(CURRENT_SINCE), set(members(CURRENT))));
        }
        throw new IllegalArgumentException("chain state keeps the validator sets of blocks " + Math.max(1, head)
                + " and " + (head + 1) + ", not of " + height);
    }

    /** The set scheduled for the next epoch by sudo calls, if any. */
    public Optional<ValidatorSet> pending() {
        byte[] raw = storage.get(PENDING);
        return raw == null ? Optional.empty() : Optional.of(set(decode(raw)));
    }

    /** Whether this equivocation was reported already. */
    public boolean reported(Equivocation e) {
        return storage.get(evidenceKey(e)) != null;
    }

    void markReported(Equivocation e) {
        storage.put(evidenceKey(e), new byte[] {1});
    }

    void init(List<Member> members) {
        storage.put(HEIGHT, u64Bytes(0));
        storage.put(CURRENT, encode(members));
        storage.put(CURRENT_SINCE, u64Bytes(0));
        storage.put(NEXT, encode(members));
        storage.put(NEXT_SINCE, u64Bytes(1));
    }

    /** Block {@code number} begins: the set that was next is current. */
    void begin(long number) {
        storage.put(HEIGHT, u64Bytes(number));
        storage.put(CURRENT, storage.get(NEXT));
        storage.put(CURRENT_SINCE, storage.get(NEXT_SINCE));
    }

    long height() {
        return u64(HEIGHT);
    }

    List<Member> current() {
        return members(CURRENT);
    }

    List<Member> next() {
        return members(NEXT);
    }

    /** Sets the next height's members; {@code since} moves only when they differ from the current ones. */
    void setNext(List<Member> members, long nextHeight) {
        storage.put(NEXT, encode(members));
        boolean changed = !members.equals(current());
        storage.put(NEXT_SINCE, changed ? u64Bytes(nextHeight) : storage.get(CURRENT_SINCE));
    }

    Optional<List<Member>> pendingMembers() {
        byte[] raw = storage.get(PENDING);
        return raw == null ? Optional.empty() : Optional.of(decode(raw));
    }

    void setPending(List<Member> members) {
        storage.put(PENDING, encode(members));
    }

    void clearPending() {
        storage.delete(PENDING);
    }

    static ValidatorSet set(List<Member> members) {
        return new ValidatorSet(members.stream().map(Member::validator).toList());
    }

    static List<Member> sorted(List<Member> members) {
        List<Member> out = new ArrayList<>(members);
        out.sort((a, b) -> Arrays.compareUnsigned(a.account(), b.account()));
        return List.copyOf(out);
    }

    private List<Member> members(byte[] key) {
        return decode(storage.get(key));
    }

    private static byte[] encode(List<Member> members) {
        return new Encoder().list(sorted(members), (out, m) -> m.encode(out)).toByteArray();
    }

    private static List<Member> decode(byte[] raw) {
        Decoder in = new Decoder(raw);
        List<Member> out = in.list(MAX_MEMBERS, Member::decode);
        in.finish();
        return out;
    }

    private long u64(byte[] key) {
        Decoder in = new Decoder(storage.get(key));
        return in.u64();
    }

    private static byte[] u64Bytes(long value) {
        return new Encoder(8).u64(value).toByteArray();
    }

    private static byte[] evidenceKey(Equivocation e) {
        return new Encoder(48)
                .fixed(EVIDENCE)
                .fixed(e.offender())
                .u64(e.height())
                .u32(e.round())
                .u8(e.step())
                .toByteArray();
    }

    private static byte[] key(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
