package org.bobine.catalog.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;
import org.bobine.web.api.Pagination;
import org.bobine.web.api.UserRight;

/**
 * A video list request, read and checked: PeerTube's common filters and sorts (§8.1 of the reference), turned
 * into one JPQL query for the page (videos with their channels, accounts and actors), one for the actors' avatars
 * and one for the total (left out when the page shows it is the last), plus one for the files when {@code include}
 * asks for them. Hibernate keeps the plans of the few query strings that
 * the combinations of filters give.
 */
final class VideoList {

    /** Which videos a list covers. */
    enum Scope {
        /** {@code /videos}. */
        ALL,
        /** {@code /accounts/{name}/videos}. */
        ACCOUNT,
        /** {@code /video-channels/{handle}/videos}. */
        CHANNEL,
        /** {@code /users/me/videos}: all the user's videos, whatever their privacy and state. */
        MINE
    }

    /** {@code include}: videos in any state. */
    static final int INCLUDE_NOT_PUBLISHED_STATE = 1;
    /** {@code include}: the files of each video. */
    static final int INCLUDE_FILES = 8;
    /** The bits of {@code include} that PeerTube knows. */
    static final int INCLUDE_ALL = 127;

    /**
     * PeerTube's "hot" order, without comments or views per day: the logarithm of a score of views and likes, plus
     * a bonus that grows with the publication date (one point per 47 000 seconds, about 13 hours).
     */
    static final String HOT = "(ln(greatest(1, v.views + 3 * v.likes - 3 * v.dislikes)) "
            + "+ (extract(epoch from v.publishedAt) - 1446156582) / 47000.0)";

    /** PeerTube's "trending" order: the views of the last days ({@link #trendingDays}), today included. */
    static final String TRENDING = "(select coalesce(sum(d.views), 0) from VideoViewsDay d "
            + "where d.videoId = v.id and d.viewDate > :trendingAfter)";

    /** The sortable columns of video lists and what each sorts by. */
    static final Map<String, String> SORTS = Map.ofEntries(Map.entry("name", "v.name"),
            Map.entry("duration", "v.duration"), Map.entry("createdAt", "v.createdAt"),
            Map.entry("publishedAt", "v.publishedAt"), Map.entry("originallyPublishedAt", "v.originallyPublishedAt"),
            Map.entry("views", "v.views"), Map.entry("likes", "v.likes"),
            Map.entry("trending", TRENDING), Map.entry("hot", HOT),
            // Best is hot weighted by the user's history in PeerTube; without history it is hot.
            Map.entry("best", HOT), Map.entry("localVideoFilesSize", "v.filesSize"));

    private static final String FROM = " from Video v join %s v.channel c join %s c.actor ca join %s c.account a "
            + "join %s a.actor aa";

    private final Scope scope;
    private final Pagination page;
    private final boolean skipCount;
    private final int include;
    private final VideoJson.Extras extras;
    private final StringBuilder where = new StringBuilder();
    private final Map<String, Object> params = new HashMap<>();
    private int trendingDays = TrendingSettings.DEFAULT_INTERVAL_DAYS;

    private VideoList(Scope scope, Pagination page, boolean skipCount, int include) {
        this.scope = scope;
        this.page = page;
        this.skipCount = skipCount;
        this.include = include;
        this.extras = new VideoJson.Extras(scope == Scope.MINE || (include & INCLUDE_NOT_PUBLISHED_STATE) != 0,
                (include & INCLUDE_FILES) != 0);
    }

    /**
     * Reads the request's filters.
     *
     * @throws ApiException 400 naming a parameter that is not valid; 401 when {@code include} or
     *         {@code privacyOneOf} is given by someone without {@link UserRight#SEE_ALL_VIDEOS}
     */
    static VideoList of(ApiRequest request, Scope scope) {
        return of(request, scope, ApiUser.NSFW_DO_NOT_LIST);
    }

    /**
     * Reads the request's filters.
     *
     * @param defaultNsfwPolicy the instance's NSFW policy, applied to visitors who are not logged in when the
     *        request has no {@code nsfw} parameter (logged-in users' own policy applies to them)
     * @throws ApiException as {@link #of(ApiRequest, Scope)}
     */
    static VideoList of(ApiRequest request, Scope scope, String defaultNsfwPolicy) {
        Pagination page = request.pagination(SORTS.keySet(), scope == Scope.MINE ? "-createdAt" : "-publishedAt");
        Optional<ApiUser> user = request.user();
        boolean seeAll = user.map(u -> UserRight.SEE_ALL_VIDEOS.grantedTo(u.role())).orElse(false);
        int include = request.queryInt("include", 0, INCLUDE_ALL).orElse(0);
        List<Integer> privacies = integers(request, "privacyOneOf", VideoConstants.PRIVACIES.keySet());
        if ((include != 0 || !privacies.isEmpty()) && !seeAll && scope != Scope.MINE) {
            throw new ApiException(401, null, "You are not allowed to see all videos.");
        }
        VideoList list = new VideoList(scope, page, request.queryBoolean("skipCount").orElse(false), include);

        if (scope != Scope.MINE) {
            if (privacies.isEmpty()) {
                // Internal videos are listed for every logged-in user, as in PeerTube.
                list.and("v.privacy in :privacies", "privacies", user.isPresent()
                        ? List.of(VideoConstants.PUBLIC, VideoConstants.INTERNAL) : List.of(VideoConstants.PUBLIC));
            }
            if ((include & INCLUDE_NOT_PUBLISHED_STATE) == 0) {
                list.and("(v.state = " + VideoConstants.PUBLISHED + " or (v.state = " + VideoConstants.TO_TRANSCODE
                        + " and v.waitTranscoding = false))");
            }
        }
        if (!privacies.isEmpty()) {
            list.and("v.privacy in :privacies", "privacies", privacies);
        }

        Optional<String> nsfw = request.query("nsfw");
        if (nsfw.isPresent()) {
            switch (nsfw.get()) {
                case "true" -> list.and("v.nsfw = true");
                case "false" -> list.and("v.nsfw = false");
                case "both" -> { }
                default -> throw ApiException.invalidParam("nsfw", "Should have a valid NSFW attribute");
            }
        } else if (scope != Scope.MINE
                && user.map(ApiUser::nsfwPolicy).orElse(defaultNsfwPolicy).equals(ApiUser.NSFW_DO_NOT_LIST)) {
            // As PeerTube: without the parameter, the viewer's policy (the instance's for visitors) decides.
            list.and("v.nsfw = false");
        }
        request.queryBoolean("isLocal").ifPresent(local -> list.and("v.local = :local", "local", local));
        if (request.queryBoolean("isLive").orElse(false)) {
            list.and("1 = 0");
        }
        List<Integer> categories = integers(request, "categoryOneOf", VideoConstants.CATEGORIES.keySet());
        if (!categories.isEmpty()) {
            list.and("v.category in :categories", "categories", categories);
        }
        List<Integer> licences = integers(request, "licenceOneOf", VideoConstants.LICENCES.keySet());
        if (!licences.isEmpty()) {
            list.and("v.licence in :licences", "licences", licences);
        }
        List<String> languages = values(request, "languageOneOf");
        if (!languages.isEmpty()) {
            List<String> known = languages.stream().filter(l -> !l.equals("_unknown")).toList();
            for (String language : known) {
                if (!VideoConstants.LANGUAGES.containsKey(language)) {
                    throw ApiException.invalidParam("languageOneOf", "Should have a valid languageOneOf array");
                }
            }
            boolean unknown = known.size() < languages.size();
            String inKnown = "v.language in :languages";
            if (known.isEmpty()) {
                list.and("v.language is null");
            } else {
                list.and(unknown ? "(" + inKnown + " or v.language is null)" : inKnown, "languages", known);
            }
        }
        List<String> oneOf = tags(request, "tagsOneOf");
        if (!oneOf.isEmpty()) {
            list.and("exists (select 1 from Video w join w.tags t where w.id = v.id and lower(t) in :tagsOneOf)",
                    "tagsOneOf", oneOf);
        }
        List<String> allOf = tags(request, "tagsAllOf");
        if (!allOf.isEmpty()) {
            list.and("(select count(distinct lower(t)) from Video w join w.tags t where w.id = v.id "
                    + "and lower(t) in :tagsAllOf) = " + allOf.size(), "tagsAllOf", allOf);
        }
        Optional<Boolean> webVideos = request.queryBoolean("hasWebVideoFiles")
                .or(() -> request.queryBoolean("hasWebtorrentFiles"));
        webVideos.ifPresent(has -> list.and((has ? "" : "not ")
                + "exists (select 1 from VideoFile f where f.video.id = v.id)"));
        // No HLS playlists yet: no video has HLS files.
        request.queryBoolean("hasHLSFiles").filter(has -> has).ifPresent(has -> list.and("1 = 0"));
        request.query("search").filter(s -> !s.isBlank()).ifPresent(search -> list.and(
                "lower(v.name) like :search escape '\\'", "search", "%" + escapeLike(search.toLowerCase(Locale.ROOT))
                        + "%"));
        if (scope == Scope.MINE) {
            request.queryInt("channelId", 1, Integer.MAX_VALUE).ifPresent(id -> list.and("c.id = :channelId",
                    "channelId", id.longValue()));
        }
        return list;
    }

    /**
     * Runs the list.
     *
     * @param scopeId the account's id, the channel's id, or the user's id, as the scope asks; ignored for
     *        {@link Scope#ALL}
     */
    Page<Map<String, Object>> page(EntityManager em, Long scopeId, String baseUrl, String localHost) {
        StringBuilder clause = new StringBuilder(where);
        Map<String, Object> values = new HashMap<>(params);
        switch (scope) {
            case ACCOUNT -> append(clause, "a.id = :scope");
            case CHANNEL -> append(clause, "c.id = :scope");
            case MINE -> append(clause, "a.userId = :scope");
            case ALL -> { }
        }
        if (scope != Scope.ALL) {
            values.put("scope", scopeId);
        }
        String whereClause = clause.length() == 0 ? "" : " where " + clause;
        String direction = page.descending() ? " desc" : " asc";
        String order = " order by " + SORTS.get(page.sortColumn()) + direction
                + (page.sortColumn().equals("originallyPublishedAt") ? " nulls last" : "") + ", v.id asc";
        TypedQuery<Video> query = em.createQuery("select v" + FROM.formatted("fetch", "fetch", "fetch", "fetch")
                + whereClause + order, Video.class);
        values.forEach(query::setParameter);
        if (page.sortColumn().equals("trending")) {
            query.setParameter("trendingAfter", LocalDate.now(ZoneOffset.UTC).minusDays(trendingDays));
        }
        List<Video> found = query.setFirstResult(page.start()).setMaxResults(page.count()).getResultList();
        Videos.loadImages(em, found);

        Map<Long, List<VideoFile>> files = new HashMap<>();
        if (extras.files()) {
            for (VideoFile file : Videos.filesOf(em, found.stream().map(Video::id).toList())) {
                files.computeIfAbsent(file.video().id(), k -> new ArrayList<>()).add(file);
            }
        }
        List<Map<String, Object>> data = new ArrayList<>(found.size());
        for (Video video : found) {
            data.add(VideoJson.video(video, baseUrl, localHost, extras, files.getOrDefault(video.id(), List.of())));
        }
        if (skipCount) {
            return new Page<>(null, data);
        }
        long total;
        if (found.size() < page.count() && (page.start() == 0 || !found.isEmpty())) {
            total = page.start() + found.size();
        } else {
            TypedQuery<Long> count = em.createQuery("select count(v)" + FROM.formatted("", "", "", "")
                    + whereClause, Long.class);
            values.forEach(count::setParameter);
            total = count.getSingleResult();
        }
        return Page.of(total, data);
    }

    /** Sets over how many days, today included, the {@code trending} order counts views. */
    VideoList trendingDays(int days) {
        trendingDays = days;
        return this;
    }

    private void and(String condition) {
        append(where, condition);
    }

    private void and(String condition, String name, Object value) {
        append(where, condition);
        params.put(name, value);
    }

    private static void append(StringBuilder clause, String condition) {
        if (clause.length() > 0) {
            clause.append(" and ");
        }
        clause.append(condition);
    }

    /** The values of a parameter that may repeat, as {@code name=a&name=b} or {@code name[]=a&name[]=b}. */
    static List<String> values(ApiRequest request, String name) {
        List<String> values = new ArrayList<>(request.queryAll(name));
        values.addAll(request.queryAll(name + "[]"));
        return values;
    }

    private static List<Integer> integers(ApiRequest request, String name, Set<Integer> known) {
        return parse(values(request, name), value -> {
            Integer i = VideoFields.integer(value);
            return i != null && known.contains(i) ? i : null;
        }, name);
    }

    private static List<String> tags(ApiRequest request, String name) {
        List<String> values = values(request, name);
        if (values.size() > VideoFields.TAGS_MAX) {
            throw ApiException.invalidParam(name, "Should have a valid " + name + " array");
        }
        return parse(values, value -> value.toLowerCase(Locale.ROOT), name);
    }

    private static <T> List<T> parse(List<String> values, Function<String, T> parser, String name) {
        Set<T> parsed = new LinkedHashSet<>();
        for (String value : values) {
            T t = parser.apply(value);
            if (t == null) {
                throw ApiException.invalidParam(name, "Should have a valid " + name + " array");
            }
            parsed.add(t);
        }
        return List.copyOf(parsed);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
