package org.bobine.mail.api;

import java.util.Objects;

/**
 * One message to one person.
 *
 * @param to the recipient's address
 * @param subject the subject, without the instance's prefix; one line
 * @param text the body as plain text; links are written out in full so that every mail reader shows them
 */
public record Mail(String to, String subject, String text) {

    public Mail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        if (to.isBlank() || to.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("Not an e-mail address: " + to);
        }
        if (subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("A subject is one line");
        }
    }
}
