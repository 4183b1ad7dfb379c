package org.hypertensor.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code devnet}, {@code start}, {@code run -c "CMD ; CMD"} or {@code client [-c "CMD"]}, with
 * {@code --home DIR}.
 *
 * @param mode what to do
 * @param home the node's home (etc/, deploy/, data/), or null for the default
 * @param network the network name passed to the node
 * @param commands for {@code run} and {@code client}: the shell statements
 * @param json for {@code run}: print each result as one line of JSON
 */
record LaunchOptions(Mode mode, Path home, String network, String commands, boolean json) {

    enum Mode {
        /** A local development node with the interactive shell. */
        DEVNET,
        /** A node without the interactive shell, for services and containers. */
        START,
        /** Start, run shell statements, stop; exit status 0 or 1. On a home whose node runs: attach. */
        RUN,
        /** Attach to the node running on the home: its shell, or the statements of {@code -c}. */
        CLIENT,
        HELP,
        /** Print the version and exit. */
        VERSION
    }

    static final String USAGE = String.join(
            "\n",
            "usage: hypertensor devnet [--home DIR]            start a local devnet node with its shell",
            "       hypertensor start [--home DIR] [--network NAME]  start a node without the shell",
            "       hypertensor run -c \"CMD ; CMD\" [--json] [--home DIR]  run shell commands and exit (1 on error);",
            "                                                  --json prints each result as one line of JSON;",
            "                                                  on a home whose node runs, runs them in that node",
            "       hypertensor client [-c \"CMD ; CMD\"] [--home DIR]  the shell of the node running on the home (SSH)",
            "       hypertensor --version                     print the version",
            "       hypertensor help",
            "The home holds etc/ (config, watched live), deploy/ (bundles, watched live) and data/.");

    static LaunchOptions parse(String... args) {
        if (args.length == 0) {
            return new LaunchOptions(Mode.HELP, null, null, null, false);
        }
        Mode mode = switch (args[0]) {
            case "devnet" -> Mode.DEVNET;
            case "start" -> Mode.START;
            case "run" -> Mode.RUN;
            case "client" -> Mode.CLIENT;
            case "help", "-h", "--help" -> Mode.HELP;
            case "version", "--version", "-V" -> Mode.VERSION;
            default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
        };
        Path home = null;
        String network = mode == Mode.DEVNET ? "devnet" : null;
        List<String> commands = new ArrayList<>();
        boolean json = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(value(args, ++i, "--home"));
                case "--network" -> network = value(args, ++i, "--network");
                case "-c", "--command" -> commands.add(value(args, ++i, "-c"));
                case "--json" -> json = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (mode == Mode.RUN && commands.isEmpty()) {
            throw new IllegalArgumentException("run needs -c \"COMMANDS\"");
        }
        if (mode != Mode.RUN && mode != Mode.CLIENT && !commands.isEmpty()) {
            throw new IllegalArgumentException("-c is only for run and client");
        }
        if (mode != Mode.RUN && json) {
            throw new IllegalArgumentException("--json is only for run");
        }
        return new LaunchOptions(mode, home, network, commands.isEmpty() ? null : String.join(" ; ", commands), json);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
