package org.bobine.auth.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.bobine.mail.api.Mail;
import org.bobine.mail.api.Mailer;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.InstanceAddress;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The e-mails about accounts: password reset, e-mail verification, registration decisions. Their links lead to
 * the web pages PeerTube's clients know ({@code /reset-password}, {@code /verify-account/email}).
 */
@Component(service = AccountMail.class)
public class AccountMail {

    private final InstanceAddress address;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Mailer mailer;

    @Activate
    public AccountMail(@Reference InstanceAddress address) {
        this.address = address;
    }

    AccountMail(InstanceAddress address, Mailer mailer) {
        this.address = address;
        this.mailer = mailer;
    }

    /** Whether the instance can send e-mail. */
    boolean enabled() {
        Mailer current = mailer;
        return current != null && current.enabled();
    }

    /** Refuses, with a clear 400, a request that only makes sense when the instance sends e-mail. */
    void requireEnabled() {
        if (!enabled()) {
            throw ApiException.badRequest("This instance does not send e-mails: ask its administrator");
        }
    }

    void passwordReset(String to, long userId, String username, String code) {
        String link = address.baseUrl() + "/reset-password?userId=" + userId + "&verificationString=" + code;
        send(new Mail(to, "Reset your account password",
                "Someone, hopefully you, asked to reset the password of the account " + username + " on "
                        + address.host() + ".\n\nTo choose a new password, open this link within an hour:\n" + link
                        + "\n\nIf you did not ask for it, ignore this message: your password stays as it is.\n"));
    }

    void userEmailVerification(String to, long userId, String username, String code, boolean pendingEmail) {
        String link = address.baseUrl() + "/verify-account/email?userId=" + userId + "&verificationString=" + code
                + (pendingEmail ? "&isPendingEmail=true" : "");
        send(new Mail(to, "Verify your e-mail address",
                "Please confirm that " + to + " is the e-mail address of the account " + username + " on "
                        + address.host() + " by opening this link within an hour:\n" + link
                        + "\n\nIf you did not create or change an account there, ignore this message.\n"));
    }

    void registrationEmailVerification(String to, long registrationId, String username, String code) {
        String link = address.baseUrl() + "/verify-account/email?registrationId=" + registrationId
                + "&verificationString=" + code;
        send(new Mail(to, "Verify your e-mail address",
                "Please confirm that " + to + " is your e-mail address, for your request to join " + address.host()
                        + " as " + username + ", by opening this link within an hour:\n" + link
                        + "\n\nIf you did not ask to join, ignore this message.\n"));
    }

    void registrationAccepted(String to, String username, String moderationResponse) {
        String login = address.baseUrl() + "/login?username=" + URLEncoder.encode(username, StandardCharsets.UTF_8);
        send(new Mail(to, "Your registration request for " + username + " has been accepted",
                "Your request to join " + address.host() + " has been accepted by a moderator"
                        + (moderationResponse == null || moderationResponse.isBlank() ? "."
                                : ", who wrote:\n\n" + moderationResponse)
                        + "\n\nYou can log in now:\n" + login + "\n"));
    }

    void registrationRejected(String to, String username, String moderationResponse) {
        send(new Mail(to, "Your registration request for " + username + " has been rejected",
                "Your request to join " + address.host() + " has been rejected by a moderator, who wrote:\n\n"
                        + moderationResponse + "\n"));
    }

    private void send(Mail mail) {
        Mailer current = mailer;
        if (current != null && current.enabled()) {
            current.send(mail);
        }
    }
}
