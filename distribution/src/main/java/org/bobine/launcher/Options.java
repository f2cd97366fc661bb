package org.bobine.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the command line and the environment ask for. The command line takes precedence over the environment,
 * which takes precedence over the configuration file.
 *
 * @param dataDirectory the instance's data directory
 * @param port the port to listen on, or {@code null} to take the file's
 * @param hostname the public host name, or {@code null} to take the file's
 * @param rootPassword the initial password of root ({@code BOBINE_ROOT_PASSWORD}), or {@code null}
 * @param help whether to print the usage and stop
 * @param version whether to print the version and stop
 * @param resetPasswordOf for {@code reset-password --user NAME}, the user whose password to reset; otherwise
 *        {@code null}
 */
record Options(Path dataDirectory, Integer port, String hostname, String rootPassword, boolean help,
        boolean version, String resetPasswordOf) {

    static final String USAGE = """
            Usage: java -jar bobine.jar [options]
                   java -jar bobine.jar reset-password --user NAME [--data DIR]

            Starts a Bobine instance whose data (configuration, database, files, plugins, logs) lives in one
            directory.

            Options:
              --data DIR        the data directory (default: ./bobine-data; environment: BOBINE_DATA)
              --port N          the port to listen on (default: 9000; environment: BOBINE_PORT)
              --hostname H      the public host name (default: localhost; environment: BOBINE_HOSTNAME)
              --help            print this help
              --version         print the version

            reset-password sets a user's password while the instance is stopped; the new password is read
            from standard input (or the environment variable BOBINE_NEW_PASSWORD), and the user's tokens are
            revoked.

            The data directory's bobine.yaml holds every other setting; it is created with commented defaults
            on first start.
            """;

    /** A command line that cannot be understood; the message says why. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static Options parse(String[] args, Map<String, String> environment) throws UsageException {
        String data = environment.get("BOBINE_DATA");
        String port = environment.get("BOBINE_PORT");
        String portSource = "BOBINE_PORT";
        String hostname = environment.get("BOBINE_HOSTNAME");
        boolean help = false;
        boolean version = false;
        boolean resetPassword = false;
        String user = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "reset-password" -> resetPassword = true;
                case "--data", "--port", "--hostname", "--user" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(arg + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (arg) {
                        case "--data" -> data = value;
                        case "--user" -> user = value;
                        case "--port" -> {
                            port = value;
                            portSource = "--port";
                        }
                        default -> hostname = value;
                    }
                }
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        Integer portNumber = null;
        if (port != null && !port.isBlank()) {
            try {
                portNumber = Integer.parseInt(port.trim());
            } catch (NumberFormatException e) {
                portNumber = -1;
            }
            if (portNumber < 1 || portNumber > 65535) {
                throw new UsageException(portSource + " must be a port number from 1 to 65535, not \"" + port + "\"");
            }
        }
        if (hostname != null && hostname.isBlank()) {
            hostname = null;
        }
        Path directory = Path.of(data == null || data.isBlank() ? "bobine-data" : data).toAbsolutePath().normalize();
        if (resetPassword && (user == null || user.isBlank())) {
            throw new UsageException("reset-password needs --user NAME");
        }
        if (!resetPassword && user != null) {
            throw new UsageException("--user only goes with reset-password");
        }
        String rootPassword = environment.get("BOBINE_ROOT_PASSWORD");
        return new Options(directory, portNumber, hostname, rootPassword == null || rootPassword.isEmpty() ? null
                : rootPassword, help, version, resetPassword ? user.trim() : null);
    }

    /** The file's values with the command line and the environment applied on top. */
    ConfigFile.Values applyTo(ConfigFile.Values values) throws ConfigFile.InvalidConfigurationException {
        ConfigFile.Values result = values;
        if (port != null) {
            result = result.with(ConfigSchema.WEBSERVER_PORT, port);
        }
        if (rootPassword != null) {
            result = result.with(ConfigSchema.ADMIN_ROOT_PASSWORD, rootPassword);
        }
        if (hostname != null) {
            Setting setting = ConfigSchema.find(ConfigSchema.WEBSERVER_HOSTNAME);
            try {
                result = result.with(ConfigSchema.WEBSERVER_HOSTNAME, setting.type().convert(hostname));
            } catch (IllegalArgumentException e) {
                throw new ConfigFile.InvalidConfigurationException(Path.of("--hostname"),
                        java.util.List.of(ConfigSchema.WEBSERVER_HOSTNAME + ": " + e.getMessage()));
            }
        }
        return result;
    }
}
