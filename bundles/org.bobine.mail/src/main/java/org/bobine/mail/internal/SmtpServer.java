package org.bobine.mail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.bobine.mail.api.Mail;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * The configured SMTP server: composes plain-text UTF-8 messages and hands them over, one connection per
 * message. Called on the mailer's worker thread, whose context class loader is the bundle's.
 */
final class SmtpServer {

    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    static final int READ_TIMEOUT_MILLIS = 30_000;

    private final SmtpMailer.Config config;
    private final String protocol;
    private final String domain;
    private final Session session;
    /** Why nothing can be sent with this configuration, or null. */
    private final String problem;

    SmtpServer(SmtpMailer.Config config) {
        this.config = config;
        this.protocol = config.tls() ? "smtps" : "smtp";
        String from = config.fromAddress();
        this.domain = from.substring(from.lastIndexOf('@') + 1);

        String p = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.setProperty(p + "host", config.hostname());
        properties.setProperty(p + "port", Integer.toString(config.port()));
        properties.setProperty(p + "auth", Boolean.toString(!config.username().isEmpty()));
        properties.setProperty(p + "from", from);
        properties.setProperty(p + "connectiontimeout", Integer.toString(CONNECT_TIMEOUT_MILLIS));
        properties.setProperty(p + "timeout", Integer.toString(READ_TIMEOUT_MILLIS));
        properties.setProperty(p + "writetimeout", Integer.toString(READ_TIMEOUT_MILLIS));
        properties.setProperty(p + "ssl.checkserveridentity", "true");
        if (!config.tls()) {
            properties.setProperty(p + "starttls.enable", Boolean.toString(!config.disableStarttls()));
        }
        String unreadable = null;
        if (!config.caFile().isBlank()) {
            try {
                // An object, not a class name: Angus takes the socket factory as it is.
                properties.put(p + "ssl.socketFactory", trusting(Path.of(config.caFile())));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                unreadable = "the certificates of smtp.ca_file " + config.caFile() + " cannot be read: " + reason(e);
            }
        }
        this.problem = unreadable;

        // Session looks up its providers through the context class loader.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SmtpServer.class.getClassLoader());
        try {
            this.session = Session.getInstance(properties);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** An SSL socket factory that trusts the certificates of a PEM file, and only them. */
    static SSLSocketFactory trusting(Path pem) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca" + i++, certificate);
            }
            if (i == 0) {
                throw new GeneralSecurityException("no certificate in the file");
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    void deliver(Mail mail) throws MessagingException {
        if (problem != null) {
            throw new ConfigurationProblem(problem);
        }
        MimeMessage message = compose(mail);
        try (Transport transport = session.getTransport(protocol)) {
            String username = config.username().isEmpty() ? null : config.username();
            transport.connect(config.hostname(), config.port(), username, username == null ? null
                    : config._password());
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** The message as sent: subject prefix and signature applied. */
    MimeMessage compose(Mail mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
            }
        };
        message.setFrom(new InternetAddress(config.fromAddress(), true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        String prefix = config.subjectPrefix().strip();
        message.setSubject(prefix.isEmpty() ? mail.subject() : prefix + " " + mail.subject(), "UTF-8");
        message.setText(body(mail.text(), config.signature()), "UTF-8");
        message.setSentDate(new Date());
        // Messages sent by the instance itself, not by a person (RFC 3834): no auto-replies.
        message.setHeader("Auto-Submitted", "auto-generated");
        message.saveChanges();
        return message;
    }

    /** The text, then the signature below the usual separator line ("-- "). */
    static String body(String text, String signature) {
        if (signature.isBlank()) {
            return text;
        }
        return text.stripTrailing() + "\n\n-- \n" + signature.strip() + "\n";
    }

    /**
     * Whether another attempt may succeed: not after a permanent (5xx) refusal of the sender, the recipient or
     * the message, nor when the server refused the login or an address or the configuration is wrong.
     */
    static boolean worthRetrying(Exception failure) {
        for (Exception e = failure; e != null; e = e instanceof MessagingException m ? m.getNextException()
                : null) {
            if (e instanceof AuthenticationFailedException || e instanceof AddressException
                    || e instanceof ConfigurationProblem) {
                return false;
            }
            int code = e instanceof SMTPAddressFailedException a ? a.getReturnCode()
                    : e instanceof SMTPSendFailedException s ? s.getReturnCode() : -1;
            if (code >= 500 && code < 600) {
                return false;
            }
        }
        return true;
    }

    /** A failure as one line for the log: the messages of it and its causes, without repeats. */
    static String reason(Throwable failure) {
        Set<String> messages = new LinkedHashSet<>();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String message = t instanceof MessagingException m && m.getNextException() != null
                    ? firstLine(t) : t.getMessage();
            if (message != null && !message.isBlank()) {
                messages.add(message.strip().replaceAll("\\s+", " "));
            } else {
                messages.add(t.getClass().getSimpleName());
            }
        }
        return String.join(": ", messages);
    }

    /** MessagingException appends its nested exception's text to its message: the nested one is told next. */
    private static String firstLine(Throwable t) {
        String message = t.getMessage();
        int nested = message == null ? -1 : message.indexOf(";\n  nested exception is:");
        return nested < 0 ? message : message.substring(0, nested);
    }

    /** A configuration with which nothing can be sent; not retried. */
    private static final class ConfigurationProblem extends MessagingException {
        private static final long serialVersionUID = 1L;

        ConfigurationProblem(String message) {
            super(message);
        }
    }
}
