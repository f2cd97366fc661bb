package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: sign-up as PeerTube's clients do it, with the e-mails a real SMTP server (GreenMail, in this test)
 * receives from the instance: direct registration with e-mail verification, password reset, a change of
 * address, and registration requests that a moderator accepts or rejects.
 */
@Timeout(300)
class RegistrationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT_PASSWORD = "root password";
    private static final Pattern LINK = Pattern.compile("(userId|registrationId)=(\\d+)&verificationString=([0-9a-f]+)");

    @TempDir
    static Path temporary;

    static GreenMail smtp;
    /** How many messages to each address the test has read. */
    static final Map<String, Integer> READ = new ConcurrentHashMap<>();

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    /** An instance with sign-up configured by {@code signup} (YAML lines) and e-mail through the test's server. */
    static RunningInstance start(String name, String signup) throws Exception {
        Path data = temporary.resolve(name);
        Files.createDirectories(data);
        Files.writeString(data.resolve("bobine.yaml"), "signup:\n  enabled: true\n" + signup
                + "smtp:\n  hostname: 127.0.0.1\n  port: " + smtp.getSmtp().getPort() + "\n  tls: false\n"
                + "  disable_starttls: true\n  from_address: videos@bobine.test\n");
        return RunningInstance.startWithRoot(data, ROOT_PASSWORD);
    }

    static HttpResponse<String> call(RunningInstance instance, String method, String path, String token,
            Object json) throws Exception {
        return instance.call(method, path, token, json);
    }

    static HttpResponse<String> login(RunningInstance instance, RunningInstance.OAuthClient client, String username,
            String password) throws Exception {
        return instance.postForm("/api/v1/users/token", client.passwordGrant(username, password), null);
    }

    static String token(RunningInstance instance, RunningInstance.OAuthClient client, String username,
            String password) throws Exception {
        HttpResponse<String> response = login(instance, client, username, password);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** Waits for the next message to {@code to} not read yet, and answers its subject and text. */
    static String[] nextMail(String to) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        int index = READ.getOrDefault(to, 0);
        while (System.nanoTime() < deadline) {
            List<MimeMessage> messages = mailsTo(to);
            if (messages.size() > index) {
                READ.put(to, index + 1);
                MimeMessage message = messages.get(index);
                return new String[] {message.getSubject(), String.valueOf(message.getContent())};
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No new e-mail to " + to + " in 30 s");
    }

    static List<MimeMessage> mailsTo(String to) throws Exception {
        List<MimeMessage> messages = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(to)) {
                messages.add(message);
            }
        }
        return messages;
    }

    /** The id and the code of the link an e-mail carries. */
    static String[] link(String text) {
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as(text).isTrue();
        return new String[] {link.group(2), link.group(3)};
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class DirectSignUpWithVerification {

        RunningInstance instance;
        RunningInstance.OAuthClient client;

        @BeforeAll
        void start() throws Exception {
            instance = RegistrationIT.start("direct", "  requires_approval: false\n"
                    + "  requires_email_verification: true\n");
            client = instance.oauthClient();
        }

        @AfterAll
        void stop() throws Exception {
            if (instance != null) {
                instance.close();
            }
        }

        @Test
        @Order(1)
        void theConfigurationTellsClientsHowToSignUp() throws Exception {
            JsonNode config = json(instance.get("/api/v1/config"));
            assertThat(config.path("signup").path("allowed").asBoolean()).isTrue();
            assertThat(config.path("signup").path("requiresEmailVerification").asBoolean()).isTrue();
            assertThat(config.path("signup").path("requiresApproval").asBoolean()).isFalse();
            assertThat(config.path("email").path("enabled").asBoolean()).isTrue();
        }

        @Test
        @Order(2)
        void badSignUpsAreRefusedFieldByFieldAndCreateNothing() throws Exception {
            HttpResponse<String> bad = call(instance, "POST", "/api/v1/users/register", null, Map.of(
                    "username", "Not Valid!", "password", "123", "email", "nowhere",
                    "channel", Map.of("name", "-", "displayName", "")));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(json(bad).path("invalid-params").fieldNames()).toIterable().contains("username", "password",
                    "email", "channel.name", "channel.displayName");
            HttpResponse<String> sameName = call(instance, "POST", "/api/v1/users/register", null, Map.of(
                    "username", "carol", "password", "carol password", "email", "carol@example.org",
                    "channel", Map.of("name", "carol", "displayName", "Carol's")));
            assertThat(sameName.statusCode()).isEqualTo(400);
            HttpResponse<String> taken = call(instance, "POST", "/api/v1/users/register", null, Map.of(
                    "username", "root", "password", "root password 2", "email", "other@example.org"));
            assertThat(taken.statusCode()).isEqualTo(409);
            HttpResponse<String> request = call(instance, "POST", "/api/v1/users/registrations/request", null,
                    Map.of("username", "dave", "password", "dave password", "email", "dave@example.org",
                            "registrationReason", "I make videos"));
            assertThat(request.statusCode()).as("no approval here: register directly").isEqualTo(403);
            assertThat(login(instance, client, "carol", "carol password").statusCode()).isEqualTo(400);
        }

        @Test
        @Order(3)
        void aNewUserVerifiesTheirAddressBeforeLoggingIn() throws Exception {
            HttpResponse<String> signUp = call(instance, "POST", "/api/v1/users/register", null, Map.of(
                    "username", "alice", "password", "alice password", "email", "alice@example.org",
                    "displayName", "Alice"));
            assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(204);
            HttpResponse<String> unverified = login(instance, client, "alice", "alice password");
            assertThat(unverified.statusCode()).isEqualTo(400);
            assertThat(json(unverified).path("detail").asText()).contains("not verified");

            String[] mail = nextMail("alice@example.org");
            assertThat(mail[0]).startsWith("[Bobine]").contains("Verify");
            String[] link = link(mail[1]);
            assertThat(mail[1]).contains("/verify-account/email?userId=" + link[0]);
            HttpResponse<String> wrong = call(instance, "POST", "/api/v1/users/" + link[0] + "/verify-email", null,
                    Map.of("verificationString", "0".repeat(40)));
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(call(instance, "POST", "/api/v1/users/" + link[0] + "/verify-email", null,
                    Map.of("verificationString", link[1])).statusCode()).isEqualTo(204);
            assertThat(call(instance, "POST", "/api/v1/users/" + link[0] + "/verify-email", null,
                    Map.of("verificationString", link[1])).statusCode()).as("a code works once").isEqualTo(403);

            String token = token(instance, client, "alice", "alice password");
            JsonNode me = json(call(instance, "GET", "/api/v1/users/me", token, null));
            assertThat(me.path("emailVerified").asBoolean()).isTrue();
            assertThat(me.path("role").path("id").asInt()).isEqualTo(2);
            assertThat(me.path("videoQuotaUsed").asLong()).isZero();
            JsonNode used = json(call(instance, "GET", "/api/v1/users/me/video-quota-used", token, null));
            assertThat(used.path("videoQuotaUsed").asLong()).isZero();
            assertThat(used.path("videoQuotaUsedDaily").asLong()).isZero();
        }

        @Test
        @Order(4)
        void preferencesAreSavedAndBadOnesNamed() throws Exception {
            String token = token(instance, client, "alice", "alice password");
            assertThat(call(instance, "PUT", "/api/v1/users/me", token, Map.of("nsfwPolicy", "blur",
                    "p2pEnabled", false, "autoPlayNextVideo", true, "videoLanguages", List.of("fr", "en"),
                    "theme", "night", "noWelcomeModal", true)).statusCode()).isEqualTo(204);
            JsonNode me = json(call(instance, "GET", "/api/v1/users/me", token, null));
            assertThat(me.path("nsfwPolicy").asText()).isEqualTo("blur");
            assertThat(me.path("p2pEnabled").asBoolean()).isFalse();
            assertThat(me.path("autoPlayNextVideo").asBoolean()).isTrue();
            assertThat(me.path("videoLanguages").toString()).isEqualTo("[\"fr\",\"en\"]");
            assertThat(me.path("theme").asText()).isEqualTo("night");
            assertThat(me.path("noWelcomeModal").asBoolean()).isTrue();

            HttpResponse<String> bad = call(instance, "PUT", "/api/v1/users/me", token, Map.of("nsfwPolicy", "show",
                    "autoPlayVideo", "yes", "videoLanguages", "fr", "favouriteColour", "blue"));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(json(bad).path("invalid-params").fieldNames()).toIterable().contains("nsfwPolicy",
                    "autoPlayVideo", "videoLanguages", "favouriteColour");
            assertThat(json(call(instance, "GET", "/api/v1/users/me", token, null)).path("nsfwPolicy").asText())
                    .as("nothing of a refused update is kept").isEqualTo("blur");
        }

        @Test
        @Order(5)
        void aNewAddressWaitsForItsVerification() throws Exception {
            String token = token(instance, client, "alice", "alice password");
            assertThat(call(instance, "PUT", "/api/v1/users/me", token, Map.of("email", "alice@example.net",
                    "currentPassword", "alice password")).statusCode()).isEqualTo(204);
            JsonNode me = json(call(instance, "GET", "/api/v1/users/me", token, null));
            assertThat(me.path("email").asText()).isEqualTo("alice@example.org");
            assertThat(me.path("pendingEmail").asText()).isEqualTo("alice@example.net");
            String[] mail = nextMail("alice@example.net");
            assertThat(mail[1]).contains("isPendingEmail=true");
            String[] link = link(mail[1]);
            assertThat(call(instance, "POST", "/api/v1/users/" + link[0] + "/verify-email", null,
                    Map.of("verificationString", link[1], "isPendingEmail", true)).statusCode()).isEqualTo(204);
            me = json(call(instance, "GET", "/api/v1/users/me", token, null));
            assertThat(me.path("email").asText()).isEqualTo("alice@example.net");
            assertThat(me.path("pendingEmail").isNull()).isTrue();
        }

        @Test
        @Order(6)
        void aForgottenPasswordIsResetThroughTheLinkSentByEmail() throws Exception {
            String oldToken = token(instance, client, "alice", "alice password");
            int before = mailsTo("nobody@example.org").size();
            HttpResponse<String> unknown = call(instance, "POST", "/api/v1/users/ask-reset-password", null,
                    Map.of("email", "nobody@example.org"));
            assertThat(unknown.statusCode()).as("the same answer for an unknown address").isEqualTo(204);
            assertThat(call(instance, "POST", "/api/v1/users/ask-reset-password", null,
                    Map.of("email", "ALICE@example.net")).statusCode()).isEqualTo(204);
            String[] mail = nextMail("alice@example.net");
            assertThat(mail[0]).contains("Reset");
            assertThat(mail[1]).contains("/reset-password?userId=");
            String[] link = link(mail[1]);

            HttpResponse<String> wrong = call(instance, "POST", "/api/v1/users/" + link[0] + "/reset-password", null,
                    Map.of("verificationString", "f".repeat(40), "password", "new alice password"));
            assertThat(wrong.statusCode()).isEqualTo(403);
            HttpResponse<String> weak = call(instance, "POST", "/api/v1/users/" + link[0] + "/reset-password", null,
                    Map.of("verificationString", link[1], "password", "123"));
            assertThat(weak.statusCode()).isEqualTo(400);
            assertThat(call(instance, "POST", "/api/v1/users/" + link[0] + "/reset-password", null,
                    Map.of("verificationString", link[1], "password", "new alice password")).statusCode())
                    .isEqualTo(204);
            assertThat(call(instance, "POST", "/api/v1/users/" + link[0] + "/reset-password", null,
                    Map.of("verificationString", link[1], "password", "third password")).statusCode())
                    .as("a reset link works once").isEqualTo(403);

            assertThat(login(instance, client, "alice", "alice password").statusCode()).isEqualTo(400);
            assertThat(call(instance, "GET", "/api/v1/users/me", oldToken, null).statusCode())
                    .as("the sessions of the old password end").isEqualTo(401);
            token(instance, client, "alice", "new alice password");
            assertThat(mailsTo("nobody@example.org")).hasSize(before);
        }

        @Test
        @Order(7)
        void signUpsAreLimitedPerAddress() throws Exception {
            assertThat(call(instance, "POST", "/api/v1/users/register", null, Map.of("username", "bob",
                    "password", "bob password", "email", "bob@example.org")).statusCode()).isEqualTo(204);
            HttpResponse<String> third = call(instance, "POST", "/api/v1/users/register", null, Map.of(
                    "username", "eve", "password", "eve password", "email", "eve@example.org"));
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class RegistrationRequests {

        RunningInstance instance;
        RunningInstance.OAuthClient client;
        String admin;

        @BeforeAll
        void start() throws Exception {
            instance = RegistrationIT.start("approval", "  requires_approval: true\n");
            client = instance.oauthClient();
            admin = token(instance, client, "root", ROOT_PASSWORD);
        }

        @AfterAll
        void stop() throws Exception {
            if (instance != null) {
                instance.close();
            }
        }

        JsonNode request(String username, String reason) throws Exception {
            HttpResponse<String> response = call(instance, "POST", "/api/v1/users/registrations/request", null,
                    Map.of("username", username, "password", username + " password", "email",
                            username + "@example.org", "registrationReason", reason,
                            "channel", Map.of("name", username + "_videos", "displayName", "Videos of " + username)));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json(response);
        }

        @Test
        @Order(1)
        void aModeratorAcceptsARequestAndTheNewcomerIsToldByEmail() throws Exception {
            HttpResponse<String> direct = call(instance, "POST", "/api/v1/users/register", null, Map.of(
                    "username", "frank", "password", "frank password", "email", "frank@example.org"));
            assertThat(direct.statusCode()).isEqualTo(403);
            HttpResponse<String> noReason = call(instance, "POST", "/api/v1/users/registrations/request", null,
                    Map.of("username", "frank", "password", "frank password", "email", "frank@example.org"));
            assertThat(noReason.statusCode()).isEqualTo(400);
            assertThat(json(noReason).path("invalid-params").has("registrationReason")).isTrue();

            JsonNode registration = request("frank", "I film birds");
            assertThat(registration.path("state").path("id").asInt()).isEqualTo(1);
            assertThat(registration.path("channelHandle").asText()).isEqualTo("frank_videos");
            assertThat(registration.has("password")).isFalse();

            HttpResponse<String> waiting = login(instance, client, "frank", "frank password");
            assertThat(waiting.statusCode()).isEqualTo(400);
            assertThat(json(waiting).path("code").asText()).isEqualTo("account_waiting_for_approval");
            assertThat(json(login(instance, client, "frank", "not frank's")).path("code").asText())
                    .as("only the requester learns the state").isEqualTo("invalid_grant");

            JsonNode list = json(call(instance, "GET", "/api/v1/users/registrations", admin, null));
            assertThat(list.path("total").asInt()).isEqualTo(1);
            assertThat(list.path("data").get(0).path("username").asText()).isEqualTo("frank");
            long id = registration.path("id").asLong();
            HttpResponse<String> noResponse = call(instance, "POST", "/api/v1/users/registrations/" + id + "/accept",
                    admin, Map.of());
            assertThat(noResponse.statusCode()).isEqualTo(400);
            assertThat(call(instance, "POST", "/api/v1/users/registrations/" + id + "/accept", admin,
                    Map.of("moderationResponse", "Welcome!")).statusCode()).isEqualTo(204);
            assertThat(call(instance, "POST", "/api/v1/users/registrations/" + id + "/reject", admin,
                    Map.of("moderationResponse", "Changed my mind")).statusCode()).isEqualTo(409);

            String[] mail = nextMail("frank@example.org");
            assertThat(mail[0]).contains("accepted");
            assertThat(mail[1]).contains("Welcome!");
            String token = token(instance, client, "frank", "frank password");
            JsonNode me = json(call(instance, "GET", "/api/v1/users/me", token, null));
            assertThat(me.path("username").asText()).isEqualTo("frank");
            JsonNode accepted = json(call(instance, "GET", "/api/v1/users/registrations", admin, null)).path("data")
                    .get(0);
            assertThat(accepted.path("state").path("id").asInt()).isEqualTo(3);
            assertThat(accepted.path("user").path("id").asLong()).isEqualTo(me.path("id").asLong());
        }

        @Test
        @Order(2)
        void aRejectedRequesterIsToldSoAndCannotLogIn() throws Exception {
            long id = request("grace", "Spam, mostly").path("id").asLong();
            assertThat(call(instance, "POST", "/api/v1/users/registrations/" + id + "/reject", admin,
                    Map.of("moderationResponse", "Not here, sorry")).statusCode()).isEqualTo(204);
            String[] mail = nextMail("grace@example.org");
            assertThat(mail[0]).contains("rejected");
            assertThat(mail[1]).contains("Not here, sorry");
            HttpResponse<String> rejected = login(instance, client, "grace", "grace password");
            assertThat(json(rejected).path("code").asText()).isEqualTo("account_approval_rejected");
            assertThat(call(instance, "DELETE", "/api/v1/users/registrations/" + id, admin, null).statusCode())
                    .isEqualTo(204);
            assertThat(json(login(instance, client, "grace", "grace password")).path("code").asText())
                    .isEqualTo("invalid_grant");
        }
    }
}
