package org.hypertensor.scoring.api;

import java.util.List;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.tx.Call;

/** The consensus module's calls ({@value #MODULE}); both pay no fee when they succeed. */
public final class ScoringCalls {

    public static final String MODULE = "consensus";

    private ScoringCalls() {}

    /** {@code submit_scores(subnet u32, [(peer_id text, score u32)])}. */
    public static Call submitScores(long subnet, List<ScoreEntry> scores) {
        return new Call(
                MODULE,
                "submit_scores",
                new Encoder(16 + scores.size() * 64)
                        .u32(subnet)
                        .list(scores, (e, s) -> e.text(s.peerId()).u32(s.score()))
                        .toByteArray());
    }

    public static Call unconfirmScores(long subnet) {
        return new Call(MODULE, "unconfirm_scores", new Encoder().u32(subnet).toByteArray());
    }
}
