package org.bobine.catalog.internal;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.bobine.persistence.api.TransactionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The playlists that come and go with accounts: each local account has its "Watch later" playlist (private, no
 * channel), created with the account, and an account's playlists go with it. The methods that take an entity
 * manager work in the caller's transaction, which may be a user's creation or deletion.
 */
final class Playlists {

    private static final Logger LOG = LoggerFactory.getLogger(Playlists.class);

    /** The name PeerTube gives the watch-later playlist. */
    static final String WATCH_LATER_NAME = "Watch later";

    /** How many accounts {@link #catchUpWatchLater} completes per transaction. */
    static final int CATCH_UP_PAGE = 100;

    private Playlists() {
    }

    /** The URL of a local playlist, its ActivityPub id. */
    static String localUrl(String baseUrl, UUID uuid) {
        return baseUrl + "/video-playlists/" + uuid;
    }

    /** Creates a local playlist. */
    static VideoPlaylist createLocal(EntityManager em, String baseUrl, Account owner, VideoChannel channel,
            String displayName, String description, int privacy, int type) {
        UUID uuid = UUID.randomUUID();
        VideoPlaylist playlist = new VideoPlaylist(uuid, localUrl(baseUrl, uuid), owner, channel, displayName,
                description, privacy, type, Actors.now());
        em.persist(playlist);
        return playlist;
    }

    /** Creates the watch-later playlist of a local account. */
    static VideoPlaylist createWatchLater(EntityManager em, Account owner, String baseUrl) {
        return createLocal(em, baseUrl, owner, null, WATCH_LATER_NAME, null, VideoConstants.PRIVATE,
                VideoPlaylist.WATCH_LATER);
    }

    /** Removes the playlists of an account with their elements (those of its channels go with the channels). */
    static void removeOwnedBy(EntityManager em, Account account) {
        StoredFileSweeper.schedule(em, VideoUploads.THUMBNAILS, em.createQuery("select p.thumbnailName "
                + "from VideoPlaylist p where p.ownerAccount.id = :account and p.thumbnailName is not null",
                String.class).setParameter("account", account.id()).getResultList());
        em.createQuery("delete from VideoPlaylistElement e where e.playlist.id in (select p.id from VideoPlaylist p "
                + "where p.ownerAccount.id = :account)").setParameter("account", account.id()).executeUpdate();
        em.createQuery("delete from VideoPlaylist p where p.ownerAccount.id = :account")
                .setParameter("account", account.id()).executeUpdate();
    }

    /**
     * Gives a watch-later playlist to every local account that has none (accounts created before playlists
     * existed). Safe to run at every start.
     *
     * @return how many were created
     */
    static int catchUpWatchLater(TransactionService transactions, String baseUrl) {
        int created = 0;
        while (true) {
            int done = transactions.call(em -> {
                List<Account> accounts = em.createQuery("select a from Account a where a.userId is not null "
                        + "and not exists (select p.id from VideoPlaylist p where p.ownerAccount = a and p.type = "
                        + VideoPlaylist.WATCH_LATER + ") order by a.id", Account.class)
                        .setMaxResults(CATCH_UP_PAGE).getResultList();
                accounts.forEach(account -> createWatchLater(em, account, baseUrl));
                return accounts.size();
            });
            created += done;
            if (done < CATCH_UP_PAGE) {
                break;
            }
        }
        if (created > 0) {
            LOG.info("Watch-later playlists created for {} accounts", created);
        }
        return created;
    }
}
