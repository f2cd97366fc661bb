package org.bobine.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code bobine.jar} started as a separate process, as an administrator starts it. */
final class RunningInstance implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path dataDirectory;
    final int port;
    final Process process;
    final Path output;

    private RunningInstance(Path dataDirectory, int port, Process process, Path output) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.process = process;
        this.output = output;
    }

    static Path jar() {
        String jar = System.getProperty("bobine.jar");
        if (jar == null) {
            throw new IllegalStateException("The system property bobine.jar must name the built bobine.jar");
        }
        return Path.of(jar);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts the jar on {@code dataDirectory} and a free port, without waiting. With a {@code null} directory, no
     * {@code --data} is given and the environment must name one in {@code BOBINE_DATA}.
     */
    static RunningInstance launch(Path dataDirectory, List<String> extraArguments, Map<String, String> environment)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar().toString(), "--port",
                Integer.toString(port)));
        if (dataDirectory == null) {
            dataDirectory = Path.of(environment.get("BOBINE_DATA"));
        } else {
            command.addAll(List.of("--data", dataDirectory.toString()));
        }
        command.addAll(extraArguments);
        Files.createDirectories(dataDirectory.getParent());
        Path output = Files.createTempFile(dataDirectory.getParent(), "bobine-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("BOBINE_"));
        builder.environment().putAll(environment);
        return new RunningInstance(dataDirectory, port, builder.start(), output);
    }

    /** Starts the jar and waits until {@code /api/v1/ping} answers. */
    static RunningInstance start(Path dataDirectory) throws Exception {
        RunningInstance instance = launch(dataDirectory, List.of(), Map.of());
        instance.awaitPing();
        return instance;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return getFrom("localhost", path);
    }

    /** A GET addressed to another name of this machine, so with another {@code Host} header. */
    HttpResponse<String> getFrom(String host, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void awaitPing() throws Exception {
        await("/api/v1/ping", response -> response.statusCode() == 200 && response.body().equals("pong"),
                START_TIMEOUT);
    }

    /** Polls a GET until {@code condition} holds; fails with the instance's output otherwise. */
    HttpResponse<String> await(String path, Predicate<HttpResponse<String>> condition, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The instance exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                last = get(path);
                if (condition.test(last)) {
                    return last;
                }
            } catch (IOException notYetListening) {
                // Starting.
            }
            Thread.sleep(100);
        }
        throw new AssertionError("GET " + path + " did not answer as expected within " + timeout + "; last: "
                + (last == null ? "no answer" : last.statusCode() + " " + last.body()) + "\n" + output());
    }

    /**
     * Waits until the instance accepts logins: its OAuth client is served and the token endpoint answers (a
     * request without credentials gets PeerTube's {@code invalid_client}).
     *
     * @return the response of {@code /api/v1/oauth-clients/local}
     */
    HttpResponse<String> awaitLogins(Duration timeout) throws Exception {
        HttpResponse<String> client = await("/api/v1/oauth-clients/local", response -> response.statusCode() == 200,
                timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> token = postForm("/api/v1/users/token", Map.of("grant_type", "password"), null);
            if (token.body().contains("invalid_client")) {
                return client;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The instance did not accept logins within " + timeout + "\n" + output());
    }

    /** The instance's OAuth client, as PeerTube's clients fetch it. */
    record OAuthClient(String id, String secret) {

        /** The form of PeerTube's password grant with this client. */
        Map<String, String> passwordGrant(String username, String password) {
            return RunningInstance.passwordGrant(id, secret, username, password);
        }
    }

    /** Starts the jar on {@code dataDirectory} with root's password, and waits until it accepts logins. */
    static RunningInstance startWithRoot(Path dataDirectory, String rootPassword) throws Exception {
        // The tests' uploads are hand-made MP4 files whose media bytes FFmpeg cannot decode: their instances keep
        // uploads as they are (published at once) unless the test writes its own configuration (TranscodingIT).
        // The file is otherwise the launcher's default one, which some tests edit.
        Path configuration = dataDirectory.resolve("bobine.yaml");
        if (!Files.exists(configuration)) {
            String defaults = ConfigFile.defaultText();
            String untranscoded = defaults.replaceFirst("(?m)^(transcoding:\n(?:  #.*\n)*)  enabled: true$",
                    "$1  enabled: false");
            if (untranscoded.equals(defaults)) {
                throw new IllegalStateException("transcoding.enabled not found in the default configuration");
            }
            Files.createDirectories(dataDirectory);
            Files.writeString(configuration, untranscoded);
        }
        RunningInstance instance = launch(dataDirectory, List.of(), Map.of("BOBINE_ROOT_PASSWORD", rootPassword));
        instance.awaitLogins(START_TIMEOUT);
        instance.awaitRootChannel();
        return instance;
    }

    /**
     * Waits until the catalog has caught up with the administrator created on the first start (their account and
     * default channel are made when the catalog's components are up, shortly after logins open).
     */
    void awaitRootChannel() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (get("/api/v1/video-channels/root_channel").statusCode() != 200) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("The administrator's channel did not appear:\n" + output());
            }
            Thread.sleep(100);
        }
    }

    /** The OAuth client, once the instance accepts logins. */
    OAuthClient oauthClient() throws Exception {
        JsonNode client = new ObjectMapper().readTree(awaitLogins(START_TIMEOUT).body());
        return new OAuthClient(client.path("client_id").asText(), client.path("client_secret").asText());
    }

    /** Calls the API with a JSON body unless it is null, and a bearer token unless it is null. */
    HttpResponse<String> call(String method, String path, String token, Object json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (json != null) {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(json)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs an {@code application/x-www-form-urlencoded} body, with a bearer token unless it is null. */
    HttpResponse<String> postForm(String path, Map<String, String> form, String token)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The form of PeerTube's password grant for this instance's OAuth client. */
    static Map<String, String> passwordGrant(String clientId, String clientSecret, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("grant_type", "password");
        form.put("response_type", "code");
        form.put("username", username);
        form.put("password", password);
        return form;
    }

    /** Waits until the instance has printed {@code text}. */
    void awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The instance did not print \"" + text + "\" within " + timeout + ":\n"
                        + output());
            }
            Thread.sleep(100);
        }
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    /** Sends SIGTERM and waits for the process to end; returns its exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The instance did not stop within 60 s of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    /** Waits for a process that should exit by itself. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The instance did not exit within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
