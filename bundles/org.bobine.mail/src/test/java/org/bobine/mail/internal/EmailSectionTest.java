package org.bobine.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.bobine.mail.api.Mail;
import org.bobine.mail.api.Mailer;
import org.junit.jupiter.api.Test;

class EmailSectionTest {

    private static Mailer mailer(boolean enabled) {
        return new Mailer() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public void send(Mail mail) {
            }
        };
    }

    @Test
    void saysWhetherTheInstanceSendsEmail() {
        assertThat(new EmailSection(mailer(true)).serverConfig(null))
                .isEqualTo(Map.of("email", Map.of("enabled", true)));
        assertThat(new EmailSection(mailer(false)).serverConfig(null))
                .isEqualTo(Map.of("email", Map.of("enabled", false)));
    }
}
