package org.bobine.mail.internal;

import java.util.Map;

import org.bobine.mail.api.Mailer;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ServerConfigContributor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code email} section of {@code /api/v1/config}: whether the instance can send e-mail, which PeerTube's
 * clients read before they offer "forgot password" or a contact form.
 */
@Component(service = ServerConfigContributor.class)
public class EmailSection implements ServerConfigContributor {

    private final Mailer mailer;

    @Activate
    public EmailSection(@Reference Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public Map<String, Object> serverConfig(ApiRequest request) {
        return Map.of("email", Map.of("enabled", mailer.enabled()));
    }
}
