package org.bobine.mail.internal;

import java.lang.annotation.Annotation;

/** A configuration of the mailer, as Config Admin would hand it. */
record Settings(String hostname, int port, String username, String _password, boolean tls, boolean disableStarttls,
        String caFile, String fromAddress, String subjectPrefix, String signature) implements SmtpMailer.Config {

    /** A server on this machine, without TLS (GreenMail offers no STARTTLS). */
    static Settings plain(String host, int port) {
        return new Settings(host, port, "", "", false, true, "", "admin@example.com", "[Bobine]", "");
    }

    static Settings off() {
        return new Settings("", 465, "", "", true, false, "", "admin@example.com", "[Bobine]", "");
    }

    Settings login(String user, String password) {
        return new Settings(hostname, port, user, password, tls, disableStarttls, caFile, fromAddress, subjectPrefix,
                signature);
    }

    Settings implicitTls(String pemFile) {
        return new Settings(hostname, port, username, _password, true, false, pemFile, fromAddress, subjectPrefix,
                signature);
    }

    Settings signed(String text) {
        return new Settings(hostname, port, username, _password, tls, disableStarttls, caFile, fromAddress,
                subjectPrefix, text);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return SmtpMailer.Config.class;
    }
}
