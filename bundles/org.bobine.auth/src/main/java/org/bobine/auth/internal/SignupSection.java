package org.bobine.auth.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ServerConfigContributor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@code signup} section of {@code /api/v1/config}, from the {@code signup} section of the configuration:
 * what PeerTube's clients read to offer, or not, a sign-up form.
 */
@Component(service = ServerConfigContributor.class, configurationPid = SignupSection.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SignupSection.Config.class)
public class SignupSection implements ServerConfigContributor {

    /** The configuration PID, fed by the {@code signup} section of bobine.yaml. */
    public static final String PID = "bobine.signup";

    /** The {@code signup} section. */
    @ObjectClassDefinition(id = PID, name = "Registration", description = "Whether and how visitors create "
            + "accounts.")
    public @interface Config {
        @AttributeDefinition(name = "Open", description = "Whether visitors may create an account.")
        boolean enabled() default false;

        @AttributeDefinition(name = "Limit", description = "How many local users the instance may have before "
                + "sign-up closes; -1 for no limit.", min = "-1")
        int limit() default 10;

        @AttributeDefinition(name = "Minimum age", description = "The minimum age stated in the sign-up form.",
                min = "0")
        int minimumAge() default 16;

        @AttributeDefinition(name = "Approval", description = "Whether a moderator approves each registration.")
        boolean requiresApproval() default true;

        @AttributeDefinition(name = "E-mail verification", description = "Whether new users confirm their "
                + "e-mail address before they log in.")
        boolean requiresEmailVerification() default false;
    }

    private final Config config;

    @Activate
    public SignupSection(Config config) {
        this.config = config;
    }

    @Override
    public Map<String, Object> serverConfig(ApiRequest request) {
        Map<String, Object> signup = new LinkedHashMap<>();
        // The instance has no local user that counts against the limit yet: only a limit of 0 closes sign-up.
        signup.put("allowed", config.enabled() && config.limit() != 0);
        // No address filter is configured: every address may sign up when sign-up is open.
        signup.put("allowedForCurrentIP", true);
        signup.put("requiresEmailVerification", config.requiresEmailVerification());
        signup.put("requiresApproval", config.requiresApproval());
        signup.put("minimumAge", config.minimumAge());
        return Map.of("signup", signup);
    }
}
