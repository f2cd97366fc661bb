package org.bobine.ui.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bobine.auth.api.PasswordLogin;
import org.bobine.catalog.api.VideoCatalog;
import org.bobine.theme.api.ThemeStyles;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Authenticator;
import org.bobine.web.api.InstanceAddress;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What every page needs, in one place: the catalogues, the files, and the services the pages read from (the
 * catalog, the themes, the sessions).
 */
@Component(service = Site.class)
public class Site {

    /** The site's name in titles, OpenGraph tags, the manifest and oEmbed answers. */
    static final String NAME = "Bobine";

    private final VideoCatalog catalog;
    private final PasswordLogin logins;
    private final Authenticator authenticator;
    private final ThemeStyles themes;
    private final InstanceAddress address;
    private final Assets assets = new Assets();
    private final Map<String, Messages> messages = Messages.loadAll();

    @Activate
    public Site(@Reference VideoCatalog catalog, @Reference PasswordLogin logins,
            @Reference Authenticator authenticator, @Reference ThemeStyles themes,
            @Reference InstanceAddress address) {
        this.catalog = catalog;
        this.logins = logins;
        this.authenticator = authenticator;
        this.themes = themes;
        this.address = address;
    }

    VideoCatalog catalog() {
        return catalog;
    }

    PasswordLogin logins() {
        return logins;
    }

    Assets assets() {
        return assets;
    }

    String baseUrl() {
        return address.baseUrl();
    }

    Messages messages(Languages.Language language) {
        return messages.get(language.tag());
    }

    List<String> themeStyleSheets() {
        return themes.styleSheets(null);
    }

    /** @return the user a session token belongs to, if it is still valid */
    Optional<ApiUser> user(String accessToken) {
        if (accessToken == null || accessToken.isEmpty() || accessToken.length() > 200) {
            return Optional.empty();
        }
        return authenticator.authenticate(accessToken);
    }
}
