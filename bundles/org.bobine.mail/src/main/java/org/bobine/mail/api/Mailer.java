package org.bobine.mail.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The instance's outgoing e-mail. Messages are delivered in the background, off the request that asked for
 * them: {@link #send(Mail)} returns at once, delivery is retried when the SMTP server cannot be reached, and a
 * message that still cannot be delivered is reported in the log.
 */
@ProviderType
public interface Mailer {

    /** Whether an SMTP server is configured; without one, nothing can be sent. */
    boolean enabled();

    /**
     * Queues a message for delivery. The configured subject prefix is put before {@link Mail#subject()} and the
     * configured signature after {@link Mail#text()}.
     *
     * <p>A message that cannot be delivered is not reported to the caller: it is tried again a few times, then
     * logged with its recipient and the server's answer.
     *
     * @throws IllegalStateException when e-mail is not {@linkplain #enabled() enabled}, or the mailer is stopping
     * @throws IllegalArgumentException when {@link Mail#to()} is not one plain address ({@code name@domain},
     *         without a display name)
     */
    void send(Mail mail);
}
