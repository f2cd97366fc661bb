package org.bobine.mail.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.bobine.mail.api.Mail;
import org.bobine.mail.api.Mailer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailer: checks and queues messages, and one worker thread hands them to the SMTP server, trying again
 * later when the server cannot be reached or answers with a temporary error.
 *
 * <p>Registered whether or not a server is configured, so that callers can ask {@link #enabled()}.
 */
@Component(service = Mailer.class, configurationPid = SmtpMailer.PID)
@Designate(ocd = SmtpMailer.Config.class)
public class SmtpMailer implements Mailer {

    /** The configuration PID, fed by the {@code smtp} section of bobine.yaml. */
    public static final String PID = "bobine.smtp";

    /** The {@code smtp} section. */
    @ObjectClassDefinition(id = PID, name = "E-mail", description = "The SMTP server through which the instance "
            + "sends e-mail: address verification, password resets, registration decisions.")
    public @interface Config {
        @AttributeDefinition(name = "SMTP server", required = false, description = "Host name or address of the "
                + "SMTP server; empty to send no e-mail.")
        String hostname() default "";

        @AttributeDefinition(name = "Port", description = "465 for implicit TLS, 587 or 25 otherwise.", min = "1",
                max = "65535")
        int port() default 465;

        @AttributeDefinition(name = "User name", required = false, description = "The account on the SMTP server; "
                + "empty to send without logging in.")
        String username() default "";

        /** A private property (leading dot): the password never becomes a property of the Mailer service. */
        @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD,
                description = "The password of that account.")
        String _password() default "";

        @AttributeDefinition(name = "Implicit TLS", description = "Whether the connection is encrypted from the "
                + "start (SMTPS, usually port 465); otherwise it is upgraded with STARTTLS when the server offers "
                + "it.")
        boolean tls() default true;

        @AttributeDefinition(name = "No STARTTLS", description = "Whether to stay unencrypted even when the server "
                + "offers STARTTLS (a server on the same machine with a certificate for another name).")
        boolean disableStarttls() default false;

        @AttributeDefinition(name = "Trusted certificates", required = false, description = "A PEM file of the "
                + "certificates to trust for the SMTP server instead of the system's authorities (a self-signed "
                + "server); empty to trust the system's.")
        String caFile() default "";

        @AttributeDefinition(name = "Sender", description = "The address the instance's e-mail comes from.")
        String fromAddress() default "admin@example.com";

        @AttributeDefinition(name = "Subject prefix", required = false, description = "Put before the subject of "
                + "every message.")
        String subjectPrefix() default "[Bobine]";

        @AttributeDefinition(name = "Signature", required = false, description = "Put at the end of every "
                + "message.")
        String signature() default "";
    }

    /** After a failed attempt, how long to wait before the next one: four attempts over about ten minutes. */
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(8));

    /** How many messages may wait for delivery; beyond that new ones are dropped (and logged). */
    static final int MAX_WAITING = 1000;

    /** How long stopping waits for the messages already due to be delivered. */
    static final Duration DRAIN = Duration.ofSeconds(5);

    private final SmtpServer server;
    private final List<Duration> retryDelays;
    private final Logger log;
    /** Null when e-mail is off. */
    private final ScheduledThreadPoolExecutor worker;
    /** The deliveries scheduled and not started yet, to report those that stopping leaves undelivered. */
    private final Set<Delivery> waiting = ConcurrentHashMap.newKeySet();

    @Activate
    public SmtpMailer(Config config) {
        this(config, RETRY_DELAYS, LoggerFactory.getLogger(SmtpMailer.class));
    }

    SmtpMailer(Config config, List<Duration> retryDelays, Logger log) {
        this.retryDelays = List.copyOf(retryDelays);
        this.log = log;
        if (config.hostname().isBlank()) {
            server = null;
            worker = null;
            return;
        }
        server = new SmtpServer(config);
        ClassLoader bundleLoader = SmtpMailer.class.getClassLoader();
        worker = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "bobine-mail");
            thread.setDaemon(true);
            // Jakarta Mail and Activation find Angus (providers, content handlers) through the context class
            // loader: the bundle's own, which holds all of them.
            thread.setContextClassLoader(bundleLoader);
            return thread;
        });
        // On stop, messages already due are still delivered; retries planned for later are not waited for.
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        worker.setRemoveOnCancelPolicy(true);
        log.info("E-mail goes through {}:{} ({})", config.hostname(), config.port(),
                config.tls() ? "TLS" : config.disableStarttls() ? "unencrypted" : "STARTTLS when offered");
    }

    @Override
    public boolean enabled() {
        return server != null;
    }

    @Override
    public void send(Mail mail) {
        Objects.requireNonNull(mail, "mail");
        if (server == null) {
            throw new IllegalStateException("E-mail is off: no SMTP server is configured (smtp.hostname)");
        }
        checkAddress(mail.to());
        if (!schedule(new Delivery(mail, 1), Duration.ZERO)) {
            throw new IllegalStateException("The mailer is stopped");
        }
    }

    /** One address, {@code local@domain}, without a display name or a second address. */
    static void checkAddress(String to) {
        try {
            InternetAddress address = new InternetAddress(to, true);
            address.validate();
            if (address.getPersonal() != null || !address.getAddress().equals(to) || to.indexOf('@') < 1) {
                throw new AddressException("expected one plain address");
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException("Not an e-mail address: " + to, e);
        }
    }

    /** @return false when the worker no longer takes messages */
    private boolean schedule(Delivery delivery, Duration delay) {
        if (waiting.size() >= MAX_WAITING) {
            log.warn("E-mail to {} dropped: {} messages already wait for the SMTP server", delivery.mail.to(),
                    MAX_WAITING);
            return true;
        }
        waiting.add(delivery);
        try {
            worker.schedule(delivery, delay.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            waiting.remove(delivery);
            return false;
        }
    }

    @Deactivate
    void stop() {
        if (worker == null) {
            return;
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
        for (Delivery left : waiting) {
            log.warn("E-mail to {} not delivered: the mailer stopped", left.mail.to());
        }
        waiting.clear();
    }

    /** One attempt at delivering a message. */
    private final class Delivery implements Runnable {
        final Mail mail;
        final int attempt;

        Delivery(Mail mail, int attempt) {
            this.mail = mail;
            this.attempt = attempt;
        }

        @Override
        public void run() {
            waiting.remove(this);
            try {
                server.deliver(mail);
                log.debug("E-mail to {} delivered", mail.to());
            } catch (MessagingException | RuntimeException e) {
                failed(e);
            }
        }

        private void failed(Exception e) {
            String reason = SmtpServer.reason(e);
            int attempts = retryDelays.size() + 1;
            if (attempt < attempts && SmtpServer.worthRetrying(e)) {
                Duration delay = retryDelays.get(attempt - 1);
                if (schedule(new Delivery(mail, attempt + 1), delay)) {
                    log.info("E-mail to {} not delivered yet (attempt {} of {}), next attempt in {} s: {}",
                            mail.to(), attempt, attempts, Math.max(1, delay.toSeconds()), reason);
                } else {
                    log.warn("E-mail to {} not delivered: {}; the mailer stopped before it could try again",
                            mail.to(), reason);
                }
            } else {
                log.warn("E-mail to {} could not be delivered after {} attempt(s): {}", mail.to(), attempt,
                        reason);
            }
        }
    }
}
