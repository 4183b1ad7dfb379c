package org.hypertensor.node.core.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CommentWarningTest {

    @Test
    void anUnquotedDoubleSlashStartingAWordIsAComment() {
        assertEquals(16, CommentWarning.commentStart("ledger:transfer //Alice //Bob 1"));
        assertEquals(0, CommentWarning.commentStart("//Bob"));
    }

    @Test
    void quotedOrInsideAWordIsNot() {
        assertEquals(-1, CommentWarning.commentStart("ledger:transfer '//Alice' \"//Bob\" 1"));
        assertEquals(-1, CommentWarning.commentStart("ledger:transfer Alice Bob 1"));
        assertEquals(-1, CommentWarning.commentStart("rpc:call http://127.0.0.1:9933"));
        assertEquals(-1, CommentWarning.commentStart("echo \\//x"));
        assertEquals(21, CommentWarning.commentStart("stake:show '//Bob' ; //Bob"));
    }
}
