package org.bobine.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

class SmtpServerTest {

    @Test
    void theSignatureComesAfterTheUsualSeparator() {
        assertThat(SmtpServer.body("Hello\n\n", "The team\n")).isEqualTo("Hello\n\n-- \nThe team\n");
        assertThat(SmtpServer.body("Hello\n", "")).isEqualTo("Hello\n");
    }

    @Test
    void permanentRefusalsAreNotRetried() throws Exception {
        InternetAddress to = new InternetAddress("nobody@example.org");
        SMTPAddressFailedException unknown = new SMTPAddressFailedException(to, "RCPT TO", 550, "No such user");
        SMTPAddressFailedException busy = new SMTPAddressFailedException(to, "RCPT TO", 451, "Try later");

        assertThat(SmtpServer.worthRetrying(new SendFailedException("Invalid Addresses", unknown))).isFalse();
        assertThat(SmtpServer.worthRetrying(new SendFailedException("Invalid Addresses", busy))).isTrue();
        assertThat(SmtpServer.worthRetrying(new SMTPSendFailedException("DATA", 554, "Rejected", null, null, null,
                null))).isFalse();
        assertThat(SmtpServer.worthRetrying(new AuthenticationFailedException("535 Authentication failed")))
                .isFalse();
        assertThat(SmtpServer.worthRetrying(new MessagingException("Couldn't connect to host",
                new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void aReasonIsOneLineWithTheCauses() {
        String reason = SmtpServer.reason(new MessagingException("Couldn't connect to host, port: mail, 25",
                new ConnectException("Connection refused")));

        assertThat(reason).isEqualTo("Couldn't connect to host, port: mail, 25: Connection refused");
    }

    @Test
    void onlyOnePlainAddressIsAccepted() {
        SmtpMailer.checkAddress("kim@example.org");
        SmtpMailer.checkAddress("kim.lee+videos@mail.example.org");
    }
}
