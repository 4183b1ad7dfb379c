package org.hypertensor.rpc.tools;

import java.math.BigInteger;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Hex;
import org.hypertensor.crypto.api.Ss58;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;

/**
 * Prints a signed {@code balances.transfer} from a development key as {@code 0x} hex, ready for
 * {@code author_submitTransaction} (see docs/rpc.md). Dev chains only: the keys are public.
 *
 * <pre>java -cp … org.hypertensor.rpc.tools.DevTransfer GENESIS_HASH //Alice DEST_SS58 AMOUNT NONCE [TIP]</pre>
 */
public final class DevTransfer {

    private DevTransfer() {}

    public static void main(String[] args) {
        if (args.length < 5 || args.length > 6) {
            System.err.println("usage: DevTransfer GENESIS_HASH DEV_URI DEST_SS58 AMOUNT NONCE [TIP]");
            System.exit(2);
        }
        byte[] genesis = Hex.decode(args[0]);
        byte[] dest = args[2].startsWith("//") ? DevKeys.derive(args[2]).publicKey() : Ss58.decode(args[2]);
        byte[] callArgs =
                new Encoder().fixed(dest).u128(new BigInteger(args[3])).toByteArray();
        SignedTransaction tx = SignedTransaction.sign(
                DevKeys.derive(args[1]),
                genesis,
                Long.parseLong(args[4]),
                args.length == 6 ? new BigInteger(args[5]) : BigInteger.ZERO,
                new Call("balances", "transfer", callArgs));
        System.err.println("from " + Ss58.encode(tx.sender()) + " to " + Ss58.encode(dest) + ", nonce " + tx.nonce()
                + ", hash 0x" + Hex.encode(tx.hash()));
        System.out.println("0x" + Hex.encode(tx.encoded()));
    }
}
