package org.hypertensor.scoring.internal.module;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.scoring.api.EpochResult;
import org.hypertensor.scoring.api.EpochStatus;
import org.hypertensor.scoring.api.NodeOutcome;
import org.junit.jupiter.api.Test;

/** Epoch results survive the state encoding exactly; damaged bytes are refused. */
class ResultCodecTest {

    private static NodeOutcome node(int i, Long score) {
        byte[] account = new byte[32];
        account[31] = (byte) i;
        return new NodeOutcome(
                account,
                "12D3KooWpeer" + i,
                true,
                i % 2 == 0,
                i % 3 == 0,
                5,
                1,
                score,
                score != null,
                6,
                1,
                2,
                i == 1,
                i == 2,
                BigInteger.TEN.pow(19).add(BigInteger.valueOf(i)),
                List.of("penalty: scored x 9000, filtered average 5022, allowed delta 50", "removed: …"));
    }

    @Test
    void roundTrip() {
        EpochResult r = new EpochResult(
                7,
                123,
                1240,
                EpochStatus.CONSENSUS,
                96,
                90,
                3,
                4,
                List.of(node(0, 5022L), node(1, null), node(2, 1L)),
                List.of("10 consecutive good epochs: one subnet error forgiven"));
        byte[] bytes = ResultCodec.encode(r);
        EpochResult back = ResultCodec.decode(bytes);
        assertEquals(r.subnet(), back.subnet());
        assertEquals(r.status(), back.status());
        assertEquals(r.notes(), back.notes());
        assertEquals(3, back.nodes().size());
        for (int i = 0; i < 3; i++) {
            NodeOutcome a = r.nodes().get(i);
            NodeOutcome b = back.nodes().get(i);
            assertArrayEquals(a.account(), b.account());
            assertEquals(
                    List.of(
                            a.peerId(),
                            a.submittable(),
                            a.submitted(),
                            a.unconfirmed(),
                            a.vouches(),
                            a.omissions(),
                            String.valueOf(a.score()),
                            a.rewardable(),
                            a.judged(),
                            a.against(),
                            a.penalties(),
                            a.forgiven(),
                            a.removed(),
                            a.slashed(),
                            a.reasons()),
                    List.of(
                            b.peerId(),
                            b.submittable(),
                            b.submitted(),
                            b.unconfirmed(),
                            b.vouches(),
                            b.omissions(),
                            String.valueOf(b.score()),
                            b.rewardable(),
                            b.judged(),
                            b.against(),
                            b.penalties(),
                            b.forgiven(),
                            b.removed(),
                            b.slashed(),
                            b.reasons()));
        }
        assertArrayEquals(bytes, ResultCodec.encode(back), "one encoding per value");
    }

    @Test
    void damagedBytesAreRefused() {
        byte[] bytes =
                ResultCodec.encode(new EpochResult(1, 2, 30, EpochStatus.NO_QUORUM, 3, 1, 0, 1, List.of(), List.of()));
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(DecodeException.class, () -> ResultCodec.decode(longer));
        byte[] badStatus = bytes.clone();
        badStatus[20] = 99; // the status byte after subnet u32, epoch u64, block u64
        assertThrows(DecodeException.class, () -> ResultCodec.decode(badStatus));
        assertThrows(DecodeException.class, () -> ResultCodec.decode(java.util.Arrays.copyOf(bytes, 10)));
    }
}
