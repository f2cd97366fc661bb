package org.bobine.catalog.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;

import org.bobine.api.hook.HookNames;
import org.bobine.api.hook.Hooks;
import org.bobine.catalog.internal.ChannelFields.ChannelUpdate;
import org.bobine.catalog.internal.ChannelFields.NewChannel;
import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;
import org.bobine.web.api.Pagination;
import org.bobine.web.api.Router;
import org.bobine.web.api.UserRight;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Video channels: {@code GET/POST /api/v1/video-channels}, {@code GET/PUT/DELETE /api/v1/video-channels/{handle}}.
 * Any user may create channels, up to {@code video_channels.max_per_user}; a channel is changed or removed by its
 * owner or a holder of {@link UserRight#MANAGE_ANY_VIDEO_CHANNEL}, and a user's last channel stays.
 */
@Component(service = ApiRoutes.class)
public class ChannelRoutes implements ApiRoutes {

    /** PeerTube's sortable columns of channel lists, and the expression each sorts by. */
    static final Map<String, String> SORTS = Map.of("id", "c.id", "name", "ca.name", "createdAt", "c.createdAt",
            "updatedAt", "c.updatedAt");

    private final Actors actors;
    private final TransactionService transactions;
    private final ChannelSettings settings;

    /** The plugins' hooks; optional, so that the catalog runs without the plugins bundle. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Hooks hooks;

    @Activate
    public ChannelRoutes(@Reference Actors actors, @Reference ChannelSettings settings) {
        this.actors = actors;
        this.transactions = actors.transactions();
        this.settings = settings;
    }

    @Override
    public void register(Router router) {
        router.get("/video-channels", this::list);
        router.post("/video-channels", this::create);
        router.get("/video-channels/{handle}", this::get);
        router.put("/video-channels/{handle}", this::update);
        router.delete("/video-channels/{handle}", this::remove);
    }

    Page<Map<String, Object>> list(ApiRequest request) {
        Pagination page = request.pagination(SORTS.keySet(), "-createdAt");
        String host = actors.localHost();
        return CatalogHooks.filterPage(hooks, HookNames.VIDEO_CHANNELS_LIST_RESULT,
                transactions.read(em -> page(em, null, page, host)), request);
    }

    /** A page of channels, of one account or of all ({@code accountId} null). */
    static Page<Map<String, Object>> page(EntityManager em, Long accountId, Pagination page, String host) {
        String where = accountId == null ? "" : " where c.account.id = :account";
        TypedQuery<VideoChannel> query = em.createQuery("select c from VideoChannel c join fetch c.actor ca "
                + "join fetch c.account a join fetch a.actor" + where + " order by " + SORTS.get(page.sortColumn())
                + (page.descending() ? " desc" : " asc") + ", c.id", VideoChannel.class);
        TypedQuery<Long> count = em.createQuery("select count(c) from VideoChannel c" + where, Long.class);
        if (accountId != null) {
            query.setParameter("account", accountId);
            count.setParameter("account", accountId);
        }
        List<VideoChannel> channels = query.setFirstResult(page.start()).setMaxResults(page.count())
                .getResultList();
        Actors.loadChannelImages(em, channels);
        List<Map<String, Object>> data = channels.stream().map(c -> CatalogJson.channel(c, host)).toList();
        return Page.of(count.getSingleResult(), data);
    }

    Map<String, Object> create(ApiRequest request) {
        ApiUser user = request.requireUser();
        NewChannel wanted = ChannelFields.forCreation(ChannelFields.read(request));
        long id;
        try {
            id = transactions.call(em -> {
                Account owner = Actors.accountOfUser(em, user.id())
                        .orElseThrow(() -> ApiException.badRequest("This user has no account"));
                Actors.requireFreeName(em, wanted.name());
                if (Actors.countChannelsOf(em, owner.id()) >= settings.maxPerUser()) {
                    throw ApiException.badRequest("You cannot create more than " + settings.maxPerUser()
                            + " channels");
                }
                return actors.createLocalChannel(em, owner, wanted.name(), wanted.displayName(),
                        wanted.description(), wanted.support()).id();
            });
        } catch (PersistenceException e) {
            // Another request took the name meanwhile.
            if (transactions.read(em -> Actors.localNameTaken(em, wanted.name()))) {
                throw new ApiException(409, null, Actors.NAME_TAKEN);
            }
            throw e;
        }
        announce(HookNames.VIDEO_CHANNEL_CREATED, id);
        return Map.of("videoChannel", Map.of("id", id));
    }

    /** Queues an action hook on a channel, told as its document, once its transaction has committed. */
    private void announce(String hook, long channelId) {
        Hooks current = hooks;
        if (current != null && current.has(hook)) {
            String host = actors.localHost();
            transactions.read(em -> Optional.ofNullable(em.find(VideoChannel.class, channelId))
                    .map(channel -> CatalogJson.channel(channel, host)))
                    .ifPresent(channel -> CatalogHooks.announce(current, hook, Map.of("videoChannel", channel)));
        }
    }

    Map<String, Object> get(ApiRequest request) {
        String host = actors.localHost();
        Map<String, Object> channel = transactions.read(em -> CatalogJson.channel(find(em, request), host));
        return CatalogHooks.filterDocument(hooks, HookNames.VIDEO_CHANNEL_GET_RESULT, channel, request,
                Map.of("handle", request.pathParam("handle")));
    }

    Object update(ApiRequest request) {
        ApiUser user = request.requireUser();
        ChannelUpdate change = ChannelFields.forUpdate(ChannelFields.read(request));
        long id = transactions.call(em -> {
            VideoChannel channel = manageable(em, request, user);
            channel.update(change.displayName() == null ? channel.displayName() : change.displayName(),
                    change.descriptionGiven() ? change.description() : channel.description(),
                    change.supportGiven() ? change.support() : channel.support(), Actors.now());
            if (change.bulkVideosSupportUpdate()) {
                // As PeerTube: the channel's videos take its support text (the answers shared for a moment
                // catch up within seconds).
                em.createQuery("update Video v set v.support = :support, v.updatedAt = :now "
                        + "where v.channel = :channel").setParameter("support", channel.support())
                        .setParameter("now", Actors.now()).setParameter("channel", channel).executeUpdate();
            }
            return channel.id();
        });
        announce(HookNames.VIDEO_CHANNEL_UPDATED, id);
        return null;
    }

    Object remove(ApiRequest request) {
        ApiUser user = request.requireUser();
        String host = actors.localHost();
        Map<String, Object> removed = transactions.call(em -> {
            VideoChannel channel = manageable(em, request, user);
            if (Actors.countChannelsOf(em, channel.account().id()) <= 1) {
                throw new ApiException(409, null, "Cannot remove the last channel of this user");
            }
            Map<String, Object> json = CatalogJson.channel(channel, host);
            Actors.removeChannel(em, channel);
            return json;
        });
        CatalogHooks.announce(hooks, HookNames.VIDEO_CHANNEL_DELETED, Map.of("videoChannel", removed));
        return null;
    }

    private VideoChannel find(EntityManager em, ApiRequest request) {
        return actors.findChannel(em, request.pathParam("handle"))
                .orElseThrow(() -> ApiException.notFound("Video channel not found"));
    }

    /** The channel of the path, if the user may change it. */
    private VideoChannel manageable(EntityManager em, ApiRequest request, ApiUser user) {
        return manageable(find(em, request), user);
    }

    /** @return the channel, if the user may change it */
    static VideoChannel manageable(VideoChannel channel, ApiUser user) {
        if (!channel.actor().isLocal()) {
            throw ApiException.forbidden("Cannot manage a video channel of another server");
        }
        if (!UserRight.MANAGE_ANY_VIDEO_CHANNEL.grantedTo(user.role())
                && !Objects.equals(channel.account().userId(), user.id())) {
            throw ApiException.forbidden("Cannot manage a video channel of another user");
        }
        return channel;
    }
}
