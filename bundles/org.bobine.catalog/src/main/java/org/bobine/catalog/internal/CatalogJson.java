package org.bobine.catalog.internal;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accounts and channels in PeerTube's shapes ({@code Account}, {@code VideoChannel}). Local actors carry the
 * instance's own host, as in PeerTube. Followers and banners are empty until federation and banners exist.
 */
final class CatalogJson {

    /** PeerTube's dates: ISO 8601 in UTC with milliseconds. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private CatalogJson() {
    }

    static String date(Instant instant) {
        return instant == null ? null : DATE.format(instant);
    }

    /** PeerTube's {@code Account}; the account's actor must be loaded. */
    static Map<String, Object> account(Account account, String localHost) {
        Actor actor = account.actor();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", account.id());
        json.put("url", actor.url());
        json.put("name", actor.name());
        json.put("host", actor.isLocal() ? localHost : actor.host());
        json.put("displayName", account.displayName());
        json.put("description", account.description());
        json.put("avatars", images(actor, ActorImage.AVATAR));
        json.put("hostRedundancyAllowed", false);
        json.put("followingCount", 0);
        json.put("followersCount", 0);
        json.put("createdAt", date(account.createdAt()));
        json.put("updatedAt", date(account.updatedAt()));
        if (account.userId() != null) {
            json.put("userId", account.userId());
        }
        return json;
    }

    /** PeerTube's {@code VideoChannel}; the channel's actor, account and account's actor must be loaded. */
    static Map<String, Object> channel(VideoChannel channel, String localHost) {
        Actor actor = channel.actor();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", channel.id());
        json.put("url", actor.url());
        json.put("name", actor.name());
        json.put("host", actor.isLocal() ? localHost : actor.host());
        json.put("displayName", channel.displayName());
        json.put("description", channel.description());
        json.put("support", channel.support());
        json.put("isLocal", actor.isLocal());
        json.put("avatars", images(actor, ActorImage.AVATAR));
        json.put("banners", images(actor, ActorImage.BANNER));
        json.put("hostRedundancyAllowed", false);
        json.put("followingCount", 0);
        json.put("followersCount", 0);
        json.put("ownerAccount", account(channel.account(), localHost));
        json.put("createdAt", date(channel.createdAt()));
        json.put("updatedAt", date(channel.updatedAt()));
        return json;
    }

    /** PeerTube's {@code ActorImage}s of one type, largest first. */
    static List<Map<String, Object>> images(Actor actor, int type) {
        return images(actor, actor.images(type));
    }

    static List<Map<String, Object>> images(Actor actor, List<ActorImage> images) {
        // A local actor's URL starts with the instance's base URL, which PeerTube's fileUrl starts with too.
        URI url = URI.create(actor.url());
        String origin = url.getScheme() + "://" + url.getRawAuthority();
        return images.stream().map(image -> {
            Map<String, Object> json = new LinkedHashMap<>();
            String path = image.path();
            json.put("width", image.width());
            json.put("height", image.height());
            json.put("path", path);
            json.put("fileUrl", origin + path);
            json.put("createdAt", date(image.createdAt()));
            json.put("updatedAt", date(image.updatedAt()));
            return json;
        }).toList();
    }
}
