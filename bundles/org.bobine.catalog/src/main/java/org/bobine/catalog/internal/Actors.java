package org.bobine.catalog.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.InstanceAddress;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Accounts and channels as actors: creates and removes local ones, keeps the one namespace of local actor names,
 * and finds accounts and channels by handle. The methods that take an entity manager work in the caller's
 * transaction, which may belong to another bundle (a user's creation or deletion).
 */
@Component(service = Actors.class)
public class Actors {

    /** PeerTube's answer when an actor name is taken, now or in the past. */
    static final String NAME_TAKEN = "Another actor (account/channel) with this name on this instance already exists "
            + "or has already existed.";

    /** How many numbered variants of a default channel name are tried before giving up. */
    static final int NAME_VARIANTS = 100;

    private final TransactionService transactions;
    private final InstanceAddress address;

    @Activate
    public Actors(@Reference(target = CatalogEntities.WITH_CATALOG_ENTITIES) TransactionService transactions,
            @Reference InstanceAddress address) {
        this.transactions = transactions;
        this.address = address;
    }

    TransactionService transactions() {
        return transactions;
    }

    /** @return this instance's host, as the JSON of local actors carries it */
    String localHost() {
        return address.host();
    }

    /** @return this instance's base URL, which the URLs of local objects start with */
    String baseUrl() {
        return address.baseUrl();
    }

    /** Dates are kept to the millisecond, as PeerTube shows them. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Whether a local account or channel has this name, or had it before it was removed. */
    static boolean localNameTaken(EntityManager em, String name) {
        return em.createQuery("select count(a) from Actor a where a.handle = :name", Long.class)
                .setParameter("name", Handle.key(name, null)).getSingleResult() > 0;
    }

    /** @throws ApiException 409 when a local actor has or had the name */
    static void requireFreeName(EntityManager em, String name) {
        if (localNameTaken(em, name)) {
            throw new ApiException(409, null, NAME_TAKEN);
        }
    }

    /**
     * @return {@code base} when it is free, otherwise the first free {@code base-1}, {@code base-2}...
     * @throws ApiException 409 when none of them is
     */
    static String freeNameLike(EntityManager em, String base) {
        if (!localNameTaken(em, base)) {
            return base;
        }
        for (int i = 1; i <= NAME_VARIANTS; i++) {
            String name = base + "-" + i;
            if (!localNameTaken(em, name)) {
                return name;
            }
        }
        throw new ApiException(409, null, NAME_TAKEN);
    }

    /** Creates the account of a local user; the name must be free. */
    Account createLocalAccount(EntityManager em, long userId, String name, String displayName) {
        Instant now = now();
        Actor actor = new Actor(Actor.PERSON, name, null, address.baseUrl() + "/accounts/" + name, now);
        em.persist(actor);
        Account account = new Account(actor, userId, displayName, now);
        em.persist(account);
        return account;
    }

    /** Creates a local channel owned by {@code owner}; the name must be free. */
    VideoChannel createLocalChannel(EntityManager em, Account owner, String name, String displayName,
            String description, String support) {
        Instant now = now();
        Actor actor = new Actor(Actor.GROUP, name, null, address.baseUrl() + "/video-channels/" + name, now);
        em.persist(actor);
        VideoChannel channel = new VideoChannel(actor, owner, displayName, description, support, now);
        em.persist(channel);
        return channel;
    }

    /**
     * Removes a channel with its videos (the database removes their rows with the channel's); its actor stays,
     * marked deleted, and keeps the name. The files of its videos and its avatar are deleted from the file store
     * once the caller's transaction has committed ({@link StoredFileSweeper}).
     */
    static void removeChannel(EntityManager em, VideoChannel channel) {
        StoredFileSweeper.schedule(em, Videos.WEB_VIDEOS, em.createQuery("select f.storageKey from VideoFile f "
                + "where f.video.channel = :channel and f.storageKey is not null and f.playlist is null", String.class)
                .setParameter("channel", channel).getResultList());
        for (Long videoId : em.createQuery("select v.id from Video v where v.channel = :channel", Long.class)
                .setParameter("channel", channel).getResultList()) {
            CatalogTranscodingSources.scheduleTranscodedFilesOf(em, videoId);
        }
        VideoCaption.scheduleFilesOf(em, channel);
        CatalogTorrentFiles.scheduleTorrentsOf(em, channel);
        removeImages(em, channel.actor());
        channel.actor().markDeleted(now());
        em.remove(channel);
    }

    /**
     * Removes an account and its channels; their actors stay, marked deleted, and keep the names. Their files go
     * as {@link #removeChannel}'s do.
     */
    static void removeAccount(EntityManager em, Account account) {
        Playlists.removeOwnedBy(em, account);
        RatingRoutes.withdrawAll(em, account);
        for (VideoChannel channel : channelsOf(em, account.id())) {
            removeChannel(em, channel);
        }
        removeImages(em, account.actor());
        account.actor().markDeleted(now());
        em.remove(account);
    }

    /** The images of a removed actor: rows now, files once committed. */
    private static void removeImages(EntityManager em, Actor actor) {
        List<ActorImage> images = em.createQuery("select i from ActorImage i where i.actor = :actor",
                ActorImage.class).setParameter("actor", actor).getResultList();
        images.forEach(em::remove);
        for (ActorImage image : images) {
            StoredFileSweeper.schedule(em, image.area(), List.of(image.fileName()));
        }
    }

    /**
     * Loads the images of these actors in one query, so that the JSON of a page of accounts, channels or videos
     * does not load them one actor at a time.
     */
    static void loadImages(EntityManager em, Collection<Actor> actors) {
        Set<Long> ids = new HashSet<>();
        for (Actor actor : actors) {
            ids.add(actor.id());
        }
        if (!ids.isEmpty()) {
            em.createQuery("select a from Actor a left join fetch a.images where a.id in :ids", Actor.class)
                    .setParameter("ids", ids).getResultList();
        }
    }

    /** {@link #loadImages} for channels and their owners' accounts. */
    static void loadChannelImages(EntityManager em, Collection<VideoChannel> channels) {
        List<Actor> actors = new ArrayList<>();
        for (VideoChannel channel : channels) {
            actors.add(channel.actor());
            actors.add(channel.account().actor());
        }
        loadImages(em, actors);
    }

    /** The account of a local user, with its actor. */
    static Optional<Account> accountOfUser(EntityManager em, long userId) {
        return em.createQuery("select a from Account a join fetch a.actor where a.userId = :user", Account.class)
                .setParameter("user", userId).getResultStream().findFirst();
    }

    /** The channels of an account, with their actors, oldest first. */
    static List<VideoChannel> channelsOf(EntityManager em, long accountId) {
        return em.createQuery("select c from VideoChannel c join fetch c.actor join fetch c.account a "
                + "join fetch a.actor where a.id = :account order by c.id", VideoChannel.class)
                .setParameter("account", accountId).getResultList();
    }

    static long countChannelsOf(EntityManager em, long accountId) {
        return em.createQuery("select count(c) from VideoChannel c where c.account.id = :account", Long.class)
                .setParameter("account", accountId).getSingleResult();
    }

    /** The account a handle names ({@code name}, or {@code name@host}), with its actor. */
    Optional<Account> findAccount(EntityManager em, String handle) {
        String key = Handle.lookupKey(handle, localHost());
        if (key == null) {
            return Optional.empty();
        }
        return em.createQuery("select a from Account a join fetch a.actor ac where ac.handle = :key", Account.class)
                .setParameter("key", key).getResultStream().findFirst();
    }

    /** The channel a handle names ({@code name}, or {@code name@host}), with its actor and owner. */
    Optional<VideoChannel> findChannel(EntityManager em, String handle) {
        String key = Handle.lookupKey(handle, localHost());
        if (key == null) {
            return Optional.empty();
        }
        return em.createQuery("select c from VideoChannel c join fetch c.actor ca join fetch c.account a "
                + "join fetch a.actor where ca.handle = :key", VideoChannel.class)
                .setParameter("key", key).getResultStream().findFirst();
    }
}
