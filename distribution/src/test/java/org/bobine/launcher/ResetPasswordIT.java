package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: {@code java -jar bobine.jar reset-password} on a stopped instance. */
@Timeout(300)
class ResetPasswordIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temporary;

    record Result(int exitCode, String output) {
    }

    static Result resetPassword(Path data, String user, String newPassword) throws Exception {
        Path output = Files.createTempFile(data.getParent(), "reset-", ".out");
        ProcessBuilder builder = new ProcessBuilder(RunningInstance.javaExecutable(), "-jar",
                RunningInstance.jar().toString(), "reset-password", "--data", data.toString(), "--user", user)
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("BOBINE_"));
        Process process = builder.start();
        process.getOutputStream().write((newPassword + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("reset-password did not finish: " + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output));
    }

    static int login(RunningInstance instance, String password) throws Exception {
        return instance.postForm("/api/v1/users/token", instance.oauthClient().passwordGrant("root", password), null)
                .statusCode();
    }

    @Test
    void resetsThePasswordOfAStoppedInstance() throws Exception {
        Path data = temporary.resolve("data");
        try (RunningInstance instance = RunningInstance.launch(data, List.of(),
                Map.of("BOBINE_ROOT_PASSWORD", "the first password"))) {
            assertThat(login(instance, "the first password")).isEqualTo(200);
            Result whileRunning = resetPassword(data, "root", "the second password");
            assertThat(whileRunning.exitCode()).isEqualTo(Main.EXIT_IN_USE);
        }

        Result reset = resetPassword(data, "root", "the second password");
        assertThat(reset.exitCode()).as(reset.output()).isZero();
        assertThat(reset.output()).contains("The password of root is set");
        assertThat(resetPassword(data, "nobody", "the second password").output())
                .contains("There is no user named nobody.");
        assertThat(resetPassword(data, "root", "short").exitCode()).isEqualTo(Main.EXIT_CONFIGURATION);

        try (RunningInstance instance = RunningInstance.launch(data, List.of(), Map.of())) {
            assertThat(login(instance, "the second password")).isEqualTo(200);
            assertThat(login(instance, "the first password")).isEqualTo(400);
        }
    }
}
