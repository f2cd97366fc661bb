package org.bobine.auth.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.bobine.persistence.api.TransactionService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auth side of {@code java -jar bobine.jar reset-password --user NAME}: the launcher starts the instance
 * without its web server and passes the command in framework properties (kept in memory only); this component
 * sets the password, revokes the user's tokens, and reports the outcome as the properties of a service the
 * launcher waits for. In a normal start it does nothing.
 */
@Component(immediate = true, service = {})
public class PasswordResetCommand {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordResetCommand.class);

    /** Framework properties set by the launcher for the command. */
    static final String COMMAND = "bobine.command";
    static final String COMMAND_USER = "bobine.command.user";
    static final String COMMAND_PASSWORD = "bobine.command.password";
    static final String RESET_PASSWORD = "reset-password";
    /** Properties of the service that reports the outcome. */
    static final String RESULT = "bobine.command.result";
    static final String MESSAGE = "bobine.command.message";

    private final ServiceRegistration<Object> outcome;

    @Activate
    public PasswordResetCommand(BundleContext context,
            @Reference(target = LocalOAuthClient.WITH_AUTH_ENTITIES) TransactionService transactions,
            @Reference TokenStore tokens) {
        if (!RESET_PASSWORD.equals(context.getProperty(COMMAND))) {
            outcome = null;
            return;
        }
        String username = String.valueOf(context.getProperty(COMMAND_USER));
        String password = String.valueOf(context.getProperty(COMMAND_PASSWORD));
        Dictionary<String, Object> result = new Hashtable<>();
        String hash = Passwords.hash(password);
        Long id = transactions.call(em -> em.createQuery("select u from User u where u.username = :username",
                User.class).setParameter("username", username).getResultStream().findFirst().map(user -> {
                    UserAccounts.changePassword(em, user, hash);
                    return user.id();
                }).orElse(null));
        if (id == null) {
            result.put(RESULT, "unknown-user");
            result.put(MESSAGE, "There is no user named " + username + ".");
        } else {
            tokens.forgetUser(id);
            result.put(RESULT, "ok");
            result.put(MESSAGE, "The password of " + username + " is set, and their tokens are revoked.");
            LOG.info("The password of {} was reset from the command line", username);
        }
        outcome = context.registerService(Object.class, new Object(), result);
    }

    @Deactivate
    void deactivate() {
        if (outcome != null) {
            outcome.unregister();
        }
    }
}
