package org.bobine.catalog.internal;

import org.bobine.auth.api.UserDirectory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At every start of the catalog, once the users are reachable: gives an account and a channel to the users who
 * were created while the catalog was not running ({@code root}, on the first start, may come before it), and
 * removes the accounts of users deleted meanwhile.
 */
@Component(immediate = true, service = {})
public class UserCatchUp {

    private static final Logger LOG = LoggerFactory.getLogger(UserCatchUp.class);

    @Activate
    public UserCatchUp(@Reference UserDirectory directory, @Reference UserProfiles profiles) {
        try {
            profiles.catchUp(directory);
        } catch (RuntimeException e) {
            // The next start tries again; the accounts that exist keep working meanwhile.
            LOG.error("Could not bring the accounts in line with the users", e);
        }
    }
}
