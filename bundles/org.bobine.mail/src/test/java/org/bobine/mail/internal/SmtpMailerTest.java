package org.bobine.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import jakarta.mail.internet.MimeMessage;

import org.bobine.mail.api.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/** The mailer against a real SMTP server (GreenMail) on a free port of this machine. */
class SmtpMailerTest {

    /** Retries come quickly in these tests: four attempts within about a second. */
    private static final List<Duration> FAST = List.of(Duration.ofMillis(100), Duration.ofMillis(300),
            Duration.ofMillis(600));

    @RegisterExtension
    static final GreenMailExtension SERVER = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bobine@example.com", "bobine",
                    "s3cret-Pa55"));

    private final RecordingLogger log = new RecordingLogger();
    private SmtpMailer mailer;
    private GreenMail other;

    @AfterEach
    void stop() {
        if (mailer != null) {
            mailer.stop();
        }
        if (other != null) {
            other.stop();
        }
    }

    private SmtpMailer start(SmtpMailer.Config config) {
        mailer = new SmtpMailer(config, FAST, log);
        return mailer;
    }

    private static Settings server() {
        return Settings.plain(SERVER.getSmtp().getBindTo(), SERVER.getSmtp().getPort());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void deliversPlainTextUtf8WithPrefixSignatureAndHeaders() throws Exception {
        SmtpMailer mailer = start(server().signed("L'équipe de Vidéos\nhttps://videos.example.org"));
        assertThat(mailer.enabled()).isTrue();

        mailer.send(new Mail("lea@example.org", "Vérifiez votre adresse ✓", "Bonjour Léa,\n\n"
                + "ouvrez https://videos.example.org/verify?token=abc pour confirmer. 日本語\n"));

        assertThat(SERVER.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage received = SERVER.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("[Bobine] Vérifiez votre adresse ✓");
        assertThat(received.getFrom()).extracting(Object::toString).containsExactly("admin@example.com");
        assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("lea@example.org");
        assertThat(received.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(received.getSentDate()).isNotNull();
        assertThat(received.getMessageID()).matches("<[0-9a-f-]{36}@example\\.com>");
        assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        String body = ((String) received.getContent()).replace("\r\n", "\n");
        // (the SMTP server keeps the final line break as part of the end of the data)
        assertThat(body).isEqualTo("Bonjour Léa,\n\nouvrez https://videos.example.org/verify?token=abc pour "
                + "confirmer. 日本語\n\n-- \nL'équipe de Vidéos\nhttps://videos.example.org");
        assertThat(log.at(Level.WARN)).isEmpty();
    }

    @Test
    void withoutPrefixOrSignatureTheMessageIsAsGiven() throws Exception {
        Settings settings = server();
        start(new Settings(settings.hostname(), settings.port(), "", "", false, true, "", "noreply@videos.example",
                "", "")).send(new Mail("bob@example.org", "Hello", "Text"));

        assertThat(SERVER.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage received = SERVER.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Hello");
        assertThat(received.getFrom()).extracting(Object::toString).containsExactly("noreply@videos.example");
        assertThat(GreenMailUtil.getBody(received)).isEqualTo("Text");
    }

    @Test
    void logsInWithTheConfiguredAccount() throws Exception {
        start(server().login("bobine", "s3cret-Pa55")).send(new Mail("carol@example.org", "Reset", "Link"));

        assertThat(SERVER.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(log.at(Level.WARN)).isEmpty();
    }

    @Test
    void aRefusedLoginIsReportedOnceWithoutThePassword() throws Exception {
        start(server().login("bobine", "wrong-Pa55")).send(new Mail("carol@example.org", "Reset", "Link"));

        await("the failure is logged", () -> !log.at(Level.WARN).isEmpty());
        assertThat(log.at(Level.WARN)).singleElement().asString()
                .contains("carol@example.org", "after 1 attempt(s)", "535");
        assertThat(log.at(Level.INFO)).noneMatch(line -> line.contains("next attempt"));
        assertThat(log.lines).noneMatch(line -> line.contains("wrong-Pa55"));
        assertThat(SERVER.getReceivedMessages()).isEmpty();
    }

    @Test
    void retriesUntilTheServerComesUp() throws Exception {
        int port = freePort();
        // Slower retries than the other tests: the server below must have time to start.
        mailer = new SmtpMailer(Settings.plain("127.0.0.1", port), List.of(Duration.ofMillis(200),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), log);
        mailer.send(new Mail("dan@example.org", "Welcome", "Hello"));

        await("the first attempt fails", () -> log.lines.stream().anyMatch(line -> line.startsWith("INFO ")
                && line.contains("dan@example.org") && line.contains("next attempt")));
        other = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        other.start();

        assertThat(other.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(other.getReceivedMessages()[0].getSubject()).isEqualTo("[Bobine] Welcome");
        assertThat(log.at(Level.WARN)).isEmpty();
    }

    @Test
    void aServerThatNeverComesUpIsReportedAndTheNextMessageStillGoes() throws Exception {
        int port = freePort();
        SmtpMailer mailer = start(Settings.plain("127.0.0.1", port).login("bobine", "s3cret-Pa55"));

        mailer.send(new Mail("erin@example.org", "Lost", "Never delivered"));

        await("the final failure is logged", () -> !log.at(Level.WARN).isEmpty());
        assertThat(log.at(Level.WARN)).singleElement().asString()
                .contains("erin@example.org", "after 4 attempt(s)", "127.0.0.1", Integer.toString(port));
        assertThat(log.at(Level.INFO)).filteredOn(line -> line.contains("next attempt")).hasSize(3);
        assertThat(log.lines).noneMatch(line -> line.contains("s3cret-Pa55"));

        other = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("bobine@example.com", "bobine",
                        "s3cret-Pa55"));
        other.start();
        mailer.send(new Mail("erin@example.org", "Found", "Delivered"));
        assertThat(other.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(other.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly("[Bobine] Found");
    }

    @Test
    void stoppingDeliversWhatIsQueuedThenRefusesMore() throws Exception {
        SmtpMailer mailer = start(server());
        for (int i = 0; i < 3; i++) {
            mailer.send(new Mail("frank@example.org", "Message " + i, "Text " + i));
        }
        mailer.stop();

        assertThat(SERVER.getReceivedMessages()).hasSize(3);
        assertThatThrownBy(() -> mailer.send(new Mail("frank@example.org", "Late", "Text")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stoppingDropsRetriesPlannedForLaterAndSaysSo() throws Exception {
        int port = freePort();
        SmtpMailer mailer = new SmtpMailer(Settings.plain("127.0.0.1", port), List.of(Duration.ofHours(1)), log);

        mailer.send(new Mail("gina@example.org", "Later", "Text"));
        await("the first attempt fails", () -> log.lines.stream().anyMatch(line -> line.contains("next attempt")));
        long started = System.nanoTime();
        mailer.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SmtpMailer.DRAIN);
        assertThat(log.at(Level.WARN)).singleElement().asString().contains("gina@example.org", "stopped");
    }

    @Test
    void implicitTlsWithTheCertificatesOfAPemFile(@TempDir Path directory) throws Exception {
        Path keyStore = directory.resolve("smtp.p12");
        Path pem = directory.resolve("smtp.pem");
        keytool("-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "smtp", "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        // GreenMail reads its key once, the first time it serves TLS in this JVM.
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, keyStore.toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, "changeit");
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY, "changeit");
        int port = freePort();
        other = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        other.start();

        start(Settings.plain("127.0.0.1", port).implicitTls(pem.toString()))
                .send(new Mail("hugo@example.org", "Secure", "Over TLS"));

        assertThat(other.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(other.getReceivedMessages()[0].getSubject()).isEqualTo("[Bobine] Secure");
        mailer.stop();

        // Without the PEM file, the JDK's authorities do not know this certificate.
        mailer = new SmtpMailer(Settings.plain("127.0.0.1", port).implicitTls(""), List.of(), log);
        mailer.send(new Mail("hugo@example.org", "Refused", "Untrusted"));
        await("the refusal is logged", () -> !log.at(Level.WARN).isEmpty());
        assertThat(log.at(Level.WARN)).singleElement().asString().contains("hugo@example.org");
        assertThat(other.getReceivedMessages()).hasSize(1);
    }

    @Test
    void anUnreadableCertificateFileIsReportedForEachMessage(@TempDir Path directory) throws Exception {
        Path pem = Files.writeString(directory.resolve("broken.pem"), "not a certificate", StandardCharsets.UTF_8);
        SmtpMailer mailer = start(server().implicitTls(pem.toString()));
        assertThat(mailer.enabled()).isTrue();

        mailer.send(new Mail("ivan@example.org", "Secure", "Text"));

        await("the failure is logged", () -> !log.at(Level.WARN).isEmpty());
        assertThat(log.at(Level.WARN)).singleElement().asString()
                .contains("ivan@example.org", "after 1 attempt(s)", "smtp.ca_file", pem.toString());
    }

    @Test
    void withoutAServerTheMailerIsOffAndRefusesMessages() {
        SmtpMailer mailer = start(Settings.off());

        assertThat(mailer.enabled()).isFalse();
        assertThatThrownBy(() -> mailer.send(new Mail("judy@example.org", "Hello", "Text")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("smtp.hostname");
    }

    @Test
    void badRecipientsAreRefusedBeforeAnythingIsQueued() {
        assertThatThrownBy(() -> new Mail("eve@example.org\r\nBcc: all@example.org", "Hi", "Text"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Mail(" ", "Hi", "Text")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Mail("eve@example.org", "Hi\nBcc: all@example.org", "Text"))
                .isInstanceOf(IllegalArgumentException.class);

        SmtpMailer mailer = start(server());
        for (String to : List.of("not an address", "eve", "@example.org", "Eve <eve@example.org>",
                "eve@example.org, mallory@example.org", "eve@example.org ")) {
            assertThatThrownBy(() -> mailer.send(new Mail(to, "Hi", "Text"))).as(to)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not an e-mail address");
        }
        mailer.stop();
        assertThat(SERVER.getReceivedMessages()).isEmpty();
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
