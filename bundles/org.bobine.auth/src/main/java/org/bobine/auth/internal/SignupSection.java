package org.bobine.auth.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bobine.persistence.api.TransactionService;

import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ServerConfigContributor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@code signup} section of {@code /api/v1/config}, from the {@code signup} section of the configuration:
 * what PeerTube's clients read to offer, or not, a sign-up form.
 */
@Component(service = {ServerConfigContributor.class, SignupSection.class}, configurationPid = SignupSection.PID,
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

        @AttributeDefinition(name = "Allowed addresses", required = false, description = "Address ranges (CIDR) "
                + "that may sign up; when given, other addresses may not.")
        String[] filters_cidr_whitelist() default {};

        @AttributeDefinition(name = "Refused addresses", required = false, description = "Address ranges (CIDR) "
                + "that may not sign up.")
        String[] filters_cidr_blacklist() default {};
    }

    /** How long the count of local users is reused: the document is read on every page load. */
    static final long COUNT_CACHE_MILLIS = 10_000;

    private final Config config;
    private final List<Cidr> allowed;
    private final List<Cidr> refused;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = LocalOAuthClient.WITH_AUTH_ENTITIES)
    private volatile TransactionService transactions;
    private volatile long countedAt;
    private volatile long userCount = -1;

    @Activate
    public SignupSection(Config config) {
        this.config = config;
        this.allowed = Arrays.stream(config.filters_cidr_whitelist()).map(Cidr::parse).toList();
        this.refused = Arrays.stream(config.filters_cidr_blacklist()).map(Cidr::parse).toList();
    }

    boolean enabled() {
        return config.enabled();
    }

    boolean requiresApproval() {
        return config.requiresApproval();
    }

    boolean requiresEmailVerification() {
        return config.requiresEmailVerification();
    }

    /** Whether the instance may take one more user; unknown (true) until the database is ready. */
    boolean belowLimit() {
        return belowLimit(false);
    }

    /**
     * @param fresh count the users now rather than reuse a recent count: for a sign-up itself
     */
    boolean belowLimit(boolean fresh) {
        if (config.limit() < 0) {
            return true;
        }
        TransactionService current = transactions;
        long now = System.currentTimeMillis();
        if (current != null && (fresh || userCount < 0 || now - countedAt > COUNT_CACHE_MILLIS)) {
            userCount = current.read(em -> em.createQuery("select count(u) from User u", Long.class)
                    .getSingleResult());
            countedAt = now;
        }
        return userCount < 0 ? config.limit() > 0 : userCount < config.limit();
    }

    /**
     * PeerTube's rule: an allowed range admits, a refused one excludes, and other addresses are admitted unless
     * allowed ranges are given.
     */
    boolean allowedFrom(String address) {
        if (Cidr.anyContains(allowed, address)) {
            return true;
        }
        if (Cidr.anyContains(refused, address)) {
            return false;
        }
        return allowed.isEmpty();
    }

    @Override
    public Map<String, Object> serverConfig(ApiRequest request) {
        Map<String, Object> signup = new LinkedHashMap<>();
        signup.put("allowed", config.enabled() && belowLimit());
        signup.put("allowedForCurrentIP", request != null && allowedFrom(request.remoteAddress()));
        signup.put("requiresEmailVerification", config.requiresEmailVerification());
        signup.put("requiresApproval", config.requiresApproval());
        signup.put("minimumAge", config.minimumAge());
        return Map.of("signup", signup);
    }
}
