package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: PeerTube's own command-line client ({@code @peertube/peertube-cli}, installed from npm by
 * {@code npm ci} in {@code src/test/clients}) logs in to {@code bobine.jar}. Skipped when the client is not
 * installed, unless {@code BOBINE_TEST_REQUIRE_CLIENTS=true} (as in CI), where it fails instead.
 */
@Timeout(300)
class PeerTubeCliIT {

    private static final String ROOT_PASSWORD = "the root password";

    @TempDir
    static Path temporary;

    static RunningInstance instance;

    static Path cli() {
        Path cli = Path.of(System.getProperty("bobine.clients", "src/test/clients/node_modules/.bin"),
                "peertube-cli");
        if (!Files.isExecutable(cli)) {
            String message = "PeerTube's CLI is not installed at " + cli + " (npm ci --prefix "
                    + "distribution/src/test/clients)";
            if (Boolean.parseBoolean(System.getenv("BOBINE_TEST_REQUIRE_CLIENTS"))) {
                throw new AssertionError(message);
            }
            assumeTrue(false, message);
        }
        return cli;
    }

    @BeforeAll
    static void start() throws Exception {
        cli();
        instance = RunningInstance.startWithRoot(temporary.resolve("data"), ROOT_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
    }

    record Result(int exitCode, String output) {
    }

    /** Runs the CLI with its own HOME, where it keeps its credentials. */
    static Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(cli().toString()));
        command.addAll(List.of(arguments));
        Path home = temporary.resolve("home");
        Files.createDirectories(home);
        Path output = Files.createTempFile(temporary, "cli-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("peertube-cli did not finish: " + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    @Test
    void authAddAndGetAccessTokenSucceed() throws Exception {
        String url = "http://localhost:" + instance.port;
        Result add = run("auth", "add", "-u", url, "-U", "root", "--password", ROOT_PASSWORD);
        assertThat(add.exitCode()).as(add.output()).isZero();
        Result list = run("auth", "list");
        assertThat(list.output()).contains(url).contains("root");

        Result token = run("get-access-token", "-u", url, "-n", "root", "-p", ROOT_PASSWORD);
        assertThat(token.exitCode()).as(token.output()).isZero();
        assertThat(token.output().trim()).matches("[0-9a-f]{40}");
    }

    @Test
    void aWrongPasswordFailsAsAgainstPeerTube() throws Exception {
        Result token = run("get-access-token", "-u", "http://localhost:" + instance.port, "-n", "root", "-p",
                "not the password");
        assertThat(token.exitCode()).isNotZero();
        assertThat(token.output()).contains("Expected status 200, got 400")
                .contains("Invalid grant: user credentials are invalid");
    }
}
