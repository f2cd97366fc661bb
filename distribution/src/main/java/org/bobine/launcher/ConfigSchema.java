package org.bobine.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every key of {@code bobine.yaml}: the one place that says what the file may hold. The generated default file,
 * the validation at start and the Config Admin configurations handed to the bundles all come from this table.
 * The bundles describe the same properties with Metatype ({@code @ObjectClassDefinition}), which is what an
 * administration interface reads.
 */
final class ConfigSchema {

    static final String WEBSERVER_HOSTNAME = "webserver.hostname";
    static final String WEBSERVER_PORT = "webserver.port";
    static final String WEBSERVER_PUBLIC_PORT = "webserver.public_port";
    static final String LISTEN_HOSTNAME = "listen.hostname";
    static final String ADMIN_ROOT_PASSWORD = "admin.initial_root_password";
    static final String LOG_LEVEL = "log.level";
    static final String PLUGINS_POLL = "plugins.poll_interval_ms";

    private static final Pattern HOSTNAME = Pattern.compile(
            "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern LISTEN = Pattern.compile("(?i)[a-z0-9.:-]+|\\[[0-9a-f:]+]");
    private static final Pattern JDBC_URL = Pattern.compile("|jdbc:(h2|postgresql):.+");
    private static final Pattern THEME_NAME = Pattern.compile("[a-z0-9_-]{1,50}");
    private static final Pattern ROUTE = Pattern.compile("/[^\\s]*");

    private static final Setting.Type TEXT = Setting.Text.any();
    private static final Setting.Type FLAG = new Setting.Flag();

    /** The settings, in the order of the generated file, grouped by section (the first segment of the key). */
    static final List<Setting> SETTINGS = List.of(
            new Setting(WEBSERVER_HOSTNAME, "bobine.webserver", "hostname",
                    new Setting.Text(HOSTNAME, "a host name such as videos.example.org", 253), "localhost",
                    "The public host name of the instance, as clients and other servers reach it. Do not change it "
                            + "once the instance federates: it is part of every ActivityPub identifier."),
            new Setting(WEBSERVER_PORT, "bobine.webserver", "port", new Setting.Whole(1, 65535), 9000,
                    "The port Bobine listens on, and its public port (set webserver.public_port when a reverse "
                            + "proxy serves it on another one)."),
            new Setting(WEBSERVER_PUBLIC_PORT, null, null, new Setting.Whole(0, 65535), 0,
                    "The public port when it differs from webserver.port (for example 443 behind a reverse "
                            + "proxy); 0 means the same as webserver.port."),
            new Setting("webserver.https", "bobine.webserver", "https", FLAG, false,
                    "Whether clients reach the instance over HTTPS (through a reverse proxy)."),
            new Setting(LISTEN_HOSTNAME, null, null,
                    new Setting.Text(LISTEN, "an interface address such as 127.0.0.1 or 0.0.0.0", 253), "127.0.0.1",
                    "The interface Bobine listens on: 127.0.0.1 behind a reverse proxy, 0.0.0.0 for every "
                            + "interface."),

            new Setting("instance.name", "bobine.instance", "name",
                    new Setting.Text(Pattern.compile(".{1,120}"), "1 to 120 characters", 120), "Bobine",
                    "The name of the instance, shown in pages and to other servers."),
            new Setting("instance.short_description", "bobine.instance", "shortDescription", TEXT,
                    "A Bobine instance: videos that viewers help to broadcast.",
                    "One sentence about the instance."),
            new Setting("instance.description", "bobine.instance", "description", TEXT, "",
                    "A longer presentation of the instance, in Markdown."),
            new Setting("instance.terms", "bobine.instance", "terms", TEXT, "", "The terms of use, in Markdown."),
            new Setting("instance.code_of_conduct", "bobine.instance", "codeOfConduct", TEXT, "",
                    "The code of conduct, in Markdown."),
            new Setting("instance.moderation_information", "bobine.instance", "moderationInformation", TEXT, "",
                    "How the instance is moderated, in Markdown."),
            new Setting("instance.administrator", "bobine.instance", "administrator", TEXT, "",
                    "Who runs the instance."),
            new Setting("instance.is_nsfw", "bobine.instance", "isNsfw", FLAG, false,
                    "Whether most of the instance's content is not safe for work."),
            new Setting("instance.default_nsfw_policy", "bobine.instance", "defaultNsfwPolicy",
                    new Setting.Choice(List.of("do_not_list", "blur", "display")), "do_not_list",
                    "How NSFW videos are shown to visitors who did not choose: do_not_list, blur or display."),
            new Setting("instance.default_client_route", "bobine.instance", "defaultClientRoute",
                    new Setting.Text(ROUTE, "a path such as /videos/trending", 200), "/videos/trending",
                    "The page visitors land on."),

            new Setting("database.url", "bobine.database", "url",
                    new Setting.Text(JDBC_URL, "nothing (the embedded database) or a JDBC URL starting with "
                            + "jdbc:postgresql: or jdbc:h2:", 2000), "",
                    "Leave empty for the embedded H2 database under the data directory, or give PostgreSQL's "
                            + "JDBC URL, for example jdbc:postgresql://localhost:5432/bobine"),
            new Setting("database.username", "bobine.database", "username", TEXT, "",
                    "The database user (PostgreSQL)."),
            new Setting("database.password", "bobine.database", "password", TEXT, "",
                    "The database password (PostgreSQL)."),
            new Setting("database.pool_size", "bobine.database", "poolSize", new Setting.Whole(1, 200), 10,
                    "The largest number of connections to the database."),
            new Setting("database.connection_timeout_seconds", "bobine.database", "connectionTimeoutSeconds",
                    new Setting.Whole(1, 600), 10,
                    "How long a request waits for a database connection before it fails."),

            new Setting("http.max_body_size", "bobine.http", "maxBodySize", new Setting.Whole(1024, 100 << 20),
                    500 * 1024, "The largest JSON or form body, in bytes, that an API request may carry."),

            new Setting("signup.enabled", "bobine.signup", "enabled", FLAG, false,
                    "Whether visitors may create an account."),
            new Setting("signup.limit", "bobine.signup", "limit", new Setting.Whole(-1, Integer.MAX_VALUE), 10,
                    "How many local users the instance may have before sign-up closes; -1 for no limit."),
            new Setting("signup.minimum_age", "bobine.signup", "minimumAge", new Setting.Whole(0, 150), 16,
                    "The minimum age stated in the sign-up form."),
            new Setting("signup.requires_approval", "bobine.signup", "requiresApproval", FLAG, true,
                    "Whether a moderator approves each registration."),
            new Setting("signup.requires_email_verification", "bobine.signup", "requiresEmailVerification", FLAG,
                    false, "Whether new users confirm their e-mail address before they log in."),

            new Setting("signup.filters.cidr.whitelist", "bobine.signup", "filters.cidr.whitelist",
                    new Setting.RangeList(), new String[0],
                    "Address ranges (CIDR) that may sign up, such as [\"10.0.0.0/8\"]; when any is given, other "
                            + "addresses may not."),
            new Setting("signup.filters.cidr.blacklist", "bobine.signup", "filters.cidr.blacklist",
                    new Setting.RangeList(), new String[0],
                    "Address ranges (CIDR) that may not sign up."),

            new Setting("user.video_quota", "bobine.user", "videoQuota", new Setting.Size(), -1L,
                    "How much video a new user may upload in all, such as 10GB; -1 for no limit."),
            new Setting("user.video_quota_daily", "bobine.user", "videoQuotaDaily", new Setting.Size(), -1L,
                    "How much video a new user may upload per day; -1 for no limit."),
            new Setting("user.default_channel_name", "bobine.user", "defaultChannelName",
                    new Setting.Text(Pattern.compile(".{1,100}"), "1 to 100 characters", 100), "Main $1 channel",
                    "The display name of the channel created with each user; $1 stands for the user name."),

            new Setting("video_channels.max_per_user", "bobine.video_channels", "maxPerUser",
                    new Setting.Whole(1, Integer.MAX_VALUE), 20,
                    "How many channels each user may have, their default channel included."),

            new Setting("trending.videos.interval_days", "bobine.trending", "videos.intervalDays",
                    new Setting.Whole(1, 3650), 7,
                    "Over how many days, today included, the trending order of video lists counts views."),

            new Setting("video_uploads.resumable_expiration", "bobine.video_uploads", "resumableExpiration",
                    new Setting.Whole(1, Integer.MAX_VALUE), 3600,
                    "How long, in seconds, a resumable upload waits for its next chunk before it is forgotten and "
                            + "its partial file removed."),

            new Setting("tracker.enabled", "bobine.tracker", "enabled", FLAG, true,
                    "Whether the BitTorrent trackers (HTTP: /tracker/announce, /tracker/scrape; WebSocket: "
                            + "/tracker/socket) answer announces; when not, torrents still download from their web "
                            + "seed."),
            new Setting("tracker.private", "bobine.tracker", "privateTracker", FLAG, true,
                    "Whether the trackers serve only the torrents of this instance's video files and the swarms "
                            + "of its HLS playlists; an address that announces another torrent on the WebSocket "
                            + "tracker is disconnected and blocked for three minutes."),
            new Setting("tracker.reject_too_many_announces", "bobine.tracker", "rejectTooManyAnnounces", FLAG,
                    false, "Whether an address that announces the same torrent more than 15 times in five minutes "
                            + "is refused."),
            new Setting("tracker.max_announces_per_address", "bobine.tracker", "maxAnnouncesPerAddress",
                    new Setting.Whole(0, Integer.MAX_VALUE), 300,
                    "How many announces one address may make on the HTTP tracker in five minutes, whatever the "
                            + "torrent; the WebSocket tracker allows ten times as many messages, answers to other "
                            + "peers' offers included; 0 for no limit. Raise it where many users share one address, "
                            + "or behind a reverse proxy that hides theirs."),

            new Setting("admin.email", "bobine.admin", "email",
                    new Setting.Text(Pattern.compile("[^@\\s]+@[^@\\s]+"), "an e-mail address", 400),
                    "admin@example.com", "The administrator's e-mail address, given to the root user on the first "
                            + "start."),
            new Setting(ADMIN_ROOT_PASSWORD, "bobine.admin", "initialRootPassword", TEXT, "",
                    "The password of the administrator \"root\", set on the first start only (the environment "
                            + "variable BOBINE_ROOT_PASSWORD takes precedence); empty to generate one and print it "
                            + "once in the log."),

            new Setting("smtp.hostname", "bobine.smtp", "hostname",
                    new Setting.Text(Pattern.compile("\\S*"), "a host name or address, without spaces", 253), "",
                    "The SMTP server through which the instance sends e-mail (address verification, password "
                            + "resets, registration decisions); empty to send no e-mail."),
            new Setting("smtp.port", "bobine.smtp", "port", new Setting.Whole(1, 65535), 465,
                    "The SMTP server's port: 465 for implicit TLS, 587 or 25 otherwise."),
            new Setting("smtp.username", "bobine.smtp", "username", TEXT, "",
                    "The account on the SMTP server; empty to send without logging in."),
            // A private property (leading dot): the password never becomes a service property.
            new Setting("smtp.password", "bobine.smtp", ".password", TEXT, "", "The password of that account."),
            new Setting("smtp.tls", "bobine.smtp", "tls", FLAG, true,
                    "Whether the connection is encrypted from the start (SMTPS, usually port 465); otherwise it is "
                            + "upgraded with STARTTLS when the server offers it."),
            new Setting("smtp.disable_starttls", "bobine.smtp", "disableStarttls", FLAG, false,
                    "Whether to stay unencrypted even when the server offers STARTTLS (a server on the same "
                            + "machine with a certificate for another name)."),
            new Setting("smtp.ca_file", "bobine.smtp", "caFile", TEXT, "",
                    "The absolute path of a PEM file of the certificates to trust for the SMTP server instead of "
                            + "the system's authorities (a self-signed server); empty to trust the system's."),
            new Setting("smtp.from_address", "bobine.smtp", "fromAddress",
                    new Setting.Text(Pattern.compile("[^@\\s]+@[^@\\s]+"), "an e-mail address", 400),
                    "admin@example.com", "The address the instance's e-mail comes from."),
            new Setting("smtp.subject_prefix", "bobine.smtp", "subjectPrefix",
                    new Setting.Text(Pattern.compile("[^\\r\\n]*"), "one line", 100), "[Bobine]",
                    "Put before the subject of every message."),
            new Setting("smtp.signature", "bobine.smtp", "signature", TEXT, "",
                    "Put at the end of every message, below a \"-- \" line."),

            new Setting("oauth2.access_token_lifetime", "bobine.oauth2", "accessTokenLifetime",
                    new Setting.Whole(60, Integer.MAX_VALUE), 86_400,
                    "How long, in seconds, an access token given at login lasts (one day)."),
            new Setting("oauth2.refresh_token_lifetime", "bobine.oauth2", "refreshTokenLifetime",
                    new Setting.Whole(60, Integer.MAX_VALUE), 1_209_600,
                    "How long, in seconds, a refresh token lasts (two weeks)."),

            new Setting("transcoding.enabled", "bobine.transcoding", "enabled", FLAG, true,
                    "Whether uploaded videos are transcoded to the resolutions below."),
            new Setting("transcoding.web_videos.enabled", "bobine.transcoding", "webVideos.enabled", FLAG, false,
                    "Whether to produce one web-video MP4 file per resolution."),
            new Setting("transcoding.hls.enabled", "bobine.transcoding", "hls.enabled", FLAG, true,
                    "Whether to produce an HLS stream (needed for peer-to-peer playback in browsers)."),
            new Setting("transcoding.resolutions", "bobine.transcoding", "resolutions",
                    new Setting.WholeList(List.of(0, 144, 240, 360, 480, 720, 1080, 1440, 2160)),
                    new int[] {240, 360, 480, 720, 1080},
                    "The resolutions to produce, among 0 (audio only), 144, 240, 360, 480, 720, 1080, 1440 and "
                            + "2160; never more than the original's."),
            new Setting("transcoding.threads", "bobine.transcoding", "threads", new Setting.Whole(0, 64), 1,
                    "Threads per transcoding job; 0 lets FFmpeg choose."),
            new Setting("transcoding.concurrency", "bobine.transcoding", "concurrency", new Setting.Whole(1, 16), 1,
                    "How many transcoding jobs run at once."),
            new Setting("transcoding.original_file.keep", "bobine.transcoding", "originalFile.keep", FLAG, false,
                    "Whether to keep the uploaded file after transcoding (in storage/original-video-files)."),

            new Setting("theme.default", "bobine.theme", "defaultTheme",
                    new Setting.Text(THEME_NAME, "a theme name such as default or night", 50), "default",
                    "The theme visitors see: default, or the name of an installed theme plugin."),

            new Setting(PLUGINS_POLL, null, null, new Setting.Whole(100, 60_000), 1000,
                    "How often, in milliseconds, the plugins directory is checked for added, changed or "
                            + "removed plugin bundles."),
            new Setting(LOG_LEVEL, null, null,
                    new Setting.Choice(List.of("error", "warn", "info", "debug", "trace")), "info",
                    "How much the instance logs: error, warn, info, debug or trace."));

    private static final Map<String, Setting> BY_KEY = new LinkedHashMap<>();

    static {
        SETTINGS.forEach(setting -> BY_KEY.put(setting.key(), setting));
    }

    private ConfigSchema() {
    }

    static Setting find(String key) {
        return BY_KEY.get(key);
    }

    static Map<String, String> sectionTitles() {
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("webserver", "Where the instance is reached");
        titles.put("listen", "Where the instance listens");
        titles.put("instance", "How the instance presents itself");
        titles.put("database", "The database");
        titles.put("http", "Limits of the HTTP API");
        titles.put("signup", "Registration of new users");
        titles.put("user", "Defaults for new users");
        titles.put("video_channels", "Video channels");
        titles.put("trending", "Trending videos");
        titles.put("video_uploads", "Uploads of video files");
        titles.put("tracker", "The BitTorrent tracker");
        titles.put("admin", "The administrator");
        titles.put("smtp", "Outgoing e-mail");
        titles.put("oauth2", "Logins");
        titles.put("transcoding", "Transcoding of uploaded videos");
        titles.put("theme", "Appearance");
        titles.put("plugins", "Plugins (bundles dropped in the data directory's plugins/ folder)");
        titles.put("log", "Logging");
        return titles;
    }
}
