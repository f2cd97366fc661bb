package org.bobine.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code java -jar bobine.jar}: reads the command line, the environment and the configuration file, checks them,
 * locks the data directory and runs the instance until it is stopped (SIGTERM, SIGINT).
 *
 * <p>Exit codes: 0 after a clean stop, 2 for a bad command line or configuration, 3 when the data directory is
 * used by another instance, 1 for any other failure.
 */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_CONFIGURATION = 2;
    static final int EXIT_IN_USE = 3;

    private static final long STOP_TIMEOUT_MILLIS = 30_000;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (Options.UsageException e) {
            err.println("bobine: " + e.getMessage());
            err.print(Options.USAGE);
            return EXIT_CONFIGURATION;
        }
        if (options.help()) {
            out.print(Options.USAGE);
            return EXIT_OK;
        }
        if (options.version()) {
            out.println("Bobine " + version());
            return EXIT_OK;
        }
        String newPassword = null;
        if (options.resetPasswordOf() != null) {
            newPassword = readNewPassword(options.resetPasswordOf(), err);
            if (newPassword == null) {
                return EXIT_CONFIGURATION;
            }
        }
        DataDirectory directory;
        try {
            directory = DataDirectory.open(options.dataDirectory());
        } catch (DataDirectory.AlreadyInUseException e) {
            err.println("bobine: " + e.getMessage());
            return EXIT_IN_USE;
        } catch (IOException e) {
            err.println("bobine: cannot use the data directory " + options.dataDirectory() + ": " + e);
            return EXIT_FAILURE;
        }
        try {
            ConfigFile.Values configuration;
            try {
                if (ConfigFile.createIfAbsent(directory.configFile())) {
                    log(out, "Created " + directory.configFile() + " with the default settings");
                }
                configuration = options.applyTo(ConfigFile.read(directory.configFile()));
            } catch (ConfigFile.InvalidConfigurationException e) {
                err.println("bobine: " + e.getMessage());
                err.println("bobine: not started. Fix the configuration and start again (see docs/configuration.md).");
                return EXIT_CONFIGURATION;
            }
            configureLogging(directory, configuration);
            if (newPassword != null) {
                return resetPassword(directory, configuration, options.resetPasswordOf(), newPassword, out, err);
            }
            IdleMemory.returnUnusedHeap();
            return runInstance(new Instance(directory, configuration, Instance.runningJar()), directory,
                    configuration, out, err);
        } catch (IOException e) {
            err.println("bobine: " + e);
            return EXIT_FAILURE;
        } finally {
            try {
                directory.close();
            } catch (IOException e) {
                err.println("bobine: could not release " + directory.root().resolve(DataDirectory.LOCK_FILE) + ": "
                        + e);
            }
        }
    }

    private static int runInstance(Instance instance, DataDirectory directory, ConfigFile.Values configuration,
            PrintStream out, PrintStream err) {
        AtomicBoolean stopping = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            stopping.set(true);
            log(out, "Stopping (signal received)");
            try {
                instance.stop(STOP_TIMEOUT_MILLIS);
                // Logged here: once the hook returns the JVM halts, whatever the main thread is doing.
                log(out, "Bobine stopped");
            } catch (Exception e) {
                err.println("bobine: the instance did not stop cleanly: " + e);
            }
        }, "bobine-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long started = System.nanoTime();
        try {
            instance.start();
            log(out, "Bobine " + version() + " started in " + (System.nanoTime() - started) / 1_000_000
                    + " ms: http://" + configuration.get(ConfigSchema.WEBSERVER_HOSTNAME) + ":"
                    + configuration.get(ConfigSchema.WEBSERVER_PORT) + "/ (data: " + directory.root() + ")");
            instance.awaitStop();
            if (!stopping.get()) {
                log(out, "Bobine stopped");
            }
            return EXIT_OK;
        } catch (Exception e) {
            if (stopping.get()) {
                return EXIT_OK;
            }
            err.println("bobine: the instance failed to start: " + e);
            e.printStackTrace(err);
            try {
                instance.stop(STOP_TIMEOUT_MILLIS);
            } catch (Exception stopFailure) {
                err.println("bobine: and it did not stop cleanly: " + stopFailure);
            }
            return EXIT_FAILURE;
        } finally {
            if (!stopping.get()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // The hook runs: nothing to undo.
                }
            }
        }
    }

    /** The shortest and longest passwords PeerTube accepts. */
    static final int PASSWORD_MIN = 6;
    static final int PASSWORD_MAX = 255;
    private static final long COMMAND_TIMEOUT_MILLIS = 120_000;

    /** The new password, from BOBINE_NEW_PASSWORD, the console (not echoed) or standard input. */
    private static String readNewPassword(String user, PrintStream err) {
        String password = System.getenv("BOBINE_NEW_PASSWORD");
        try {
            if (password == null && System.console() != null) {
                char[] typed = System.console().readPassword("New password for %s: ", user);
                password = typed == null ? null : new String(typed);
            } else if (password == null) {
                password = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                        java.nio.charset.StandardCharsets.UTF_8)).readLine();
            }
        } catch (IOException e) {
            err.println("bobine: cannot read the new password: " + e);
            return null;
        }
        if (password == null || password.length() < PASSWORD_MIN || password.length() > PASSWORD_MAX) {
            err.println("bobine: the new password must have " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters");
            return null;
        }
        return password;
    }

    /** Runs the instance without its web server, long enough for the auth bundle to set the password. */
    private static int resetPassword(DataDirectory directory, ConfigFile.Values configuration, String user,
            String password, PrintStream out, PrintStream err) {
        Map<String, String> command = Map.of("org.apache.felix.http.enable", "false", "bobine.command",
                "reset-password", "bobine.command.user", user, "bobine.command.password", password);
        Instance instance = new Instance(directory, configuration, Instance.runningJar(), command);
        try {
            instance.start();
            Map<String, Object> result = instance.awaitService("(bobine.command.result=*)", COMMAND_TIMEOUT_MILLIS);
            if (result == null) {
                err.println("bobine: the password could not be reset: the database did not become ready (see "
                        + directory.logs().resolve("bobine.log") + ")");
                return EXIT_FAILURE;
            }
            boolean done = "ok".equals(result.get("bobine.command.result"));
            (done ? out : err).println((done ? "" : "bobine: ") + result.get("bobine.command.message"));
            return done ? EXIT_OK : EXIT_FAILURE;
        } catch (Exception e) {
            err.println("bobine: the password could not be reset: " + e);
            return EXIT_FAILURE;
        } finally {
            try {
                instance.stop(STOP_TIMEOUT_MILLIS);
            } catch (Exception e) {
                err.println("bobine: the instance did not stop cleanly: " + e);
            }
        }
    }

    /** SPI Fly logs every provider it registers through java.util.logging; only its problems matter. */
    private static final java.util.logging.Logger SPI_FLY_LOGGER = java.util.logging.Logger.getLogger(
            "org.apache.aries.spifly");

    /** Logback, inside the framework, reads these when it starts. */
    private static void configureLogging(DataDirectory directory, ConfigFile.Values configuration) {
        SPI_FLY_LOGGER.setLevel(java.util.logging.Level.WARNING);
        System.setProperty("bobine.logs", directory.logs().toString());
        System.setProperty("bobine.log.level", configuration.get(ConfigSchema.LOG_LEVEL).toString().toUpperCase(
                java.util.Locale.ROOT));
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile",
                    String.valueOf(Main.class.getResource("/bobine-logback.xml")));
        }
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "(development)" : version;
    }

    static void log(PrintStream out, String message) {
        out.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss.SSS")) + " INFO  [main] "
                + "org.bobine.launcher - " + message);
    }
}
