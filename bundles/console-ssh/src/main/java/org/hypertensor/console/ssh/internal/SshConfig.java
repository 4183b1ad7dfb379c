package org.hypertensor.console.ssh.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.hypertensor.console.ssh.cfg}: the SSH console. Defaults live here and nowhere else. */
@ObjectClassDefinition(
        id = SshConfig.PID,
        name = "SSH console",
        description = "The node's shell over SSH, public-key logins only; changes restart the server.")
public @interface SshConfig {

    String PID = "org.hypertensor.console.ssh";

    @AttributeDefinition(name = "Enabled", description = "Whether the SSH console listens at all.")
    boolean enabled() default true;

    @AttributeDefinition(
            name = "Host",
            description = "Interface the SSH console listens on; keep loopback unless you mean to expose the shell.")
    String host() default "127.0.0.1";

    @AttributeDefinition(
            name = "Port",
            min = "0",
            max = "65535",
            description = "TCP port of the SSH console (0: any free port, see ssh:status and data/node.endpoint).")
    int port() default 8101;

    @AttributeDefinition(
            name = "Authorized keys",
            description = "OpenSSH authorized_keys file of the public keys allowed to log in, relative to the home; "
                    + "re-read when it changes.")
    String authorized_keys() default "etc/authorized_keys";

    @AttributeDefinition(
            name = "Host key",
            description = "The server's private key, relative to the home; generated at first start (mode 600).")
    String host_key() default "data/ssh/host.key";

    @AttributeDefinition(
            name = "Client key",
            description = "The home owner's key for `hypertensor client` and `run -c` on a running node, relative "
                    + "to the home; generated at first start (mode 600) and its public key added to authorized.keys.")
    String client_key() default "etc/client.key";

    @AttributeDefinition(
            name = "Idle timeout",
            min = "0",
            max = "604800",
            description = "Seconds a session may stay idle before it is closed (0: never).")
    int idle_timeout_seconds() default 0;
}
