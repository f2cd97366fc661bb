package org.bobine.catalog.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.bobine.auth.api.CreatedUser;
import org.bobine.auth.api.UserDirectory;
import org.bobine.auth.api.UserLifecycle;
import org.bobine.auth.api.UserViewContributor;
import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public side of local users: each user has an account named after them and at least one channel, created
 * and removed in the same transaction as the user. Adds {@code account} and {@code videoChannels} to the users'
 * documents.
 */
@Component(service = {UserLifecycle.class, UserViewContributor.class, UserProfiles.class})
public class UserProfiles implements UserLifecycle, UserViewContributor {

    private static final Logger LOG = LoggerFactory.getLogger(UserProfiles.class);

    /** How many users {@link #catchUp(UserDirectory)} reads at a time. */
    static final int CATCH_UP_PAGE = 100;

    private final Actors actors;
    private final TransactionService transactions;

    @Activate
    public UserProfiles(@Reference Actors actors) {
        this.actors = actors;
        this.transactions = actors.transactions();
    }

    @Override
    public void checkNames(String username, String channelName) {
        if (channelName.equals(username)) {
            throw ApiException.badRequest("Channel name cannot be the same as user username.");
        }
        transactions.read(em -> {
            Actors.requireFreeName(em, username);
            if (!isDefaultChannelName(username, channelName)) {
                Actors.requireFreeName(em, channelName);
            }
            return null;
        });
    }

    /**
     * The default channel name ({@code <username>_channel}) may be taken by someone else's channel: the user then
     * gets a numbered variant rather than a refusal. A name the user chose is refused instead.
     */
    private static boolean isDefaultChannelName(String username, String channelName) {
        return channelName.equals(username + "_channel");
    }

    @Override
    public void created(EntityManager em, CreatedUser user) {
        if (user.channelName().equals(user.username())) {
            throw ApiException.badRequest("Channel name cannot be the same as user username.");
        }
        Actors.requireFreeName(em, user.username());
        String channelName;
        if (isDefaultChannelName(user.username(), user.channelName())) {
            channelName = Actors.freeNameLike(em, user.channelName());
        } else {
            Actors.requireFreeName(em, user.channelName());
            channelName = user.channelName();
        }
        Account account = actors.createLocalAccount(em, user.id(), user.username(), user.displayName());
        actors.createLocalChannel(em, account, channelName, user.channelDisplayName(), null, null);
        Playlists.createWatchLater(em, account, actors.baseUrl());
    }

    /** The user's display name and description are those of their account. */
    @Override
    public void profileChanged(EntityManager em, long userId, String displayName, String description) {
        Actors.accountOfUser(em, userId).ifPresent(account -> account.updateProfile(displayName, description,
                Actors.now()));
    }

    @Override
    public void deleting(EntityManager em, long userId) {
        Actors.accountOfUser(em, userId).ifPresent(account -> Actors.removeAccount(em, account));
    }

    @Override
    public Map<Long, Map<String, Object>> userFields(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        String host = actors.localHost();
        return transactions.read(em -> {
            List<Long> ids = List.copyOf(new HashSet<>(userIds));
            Map<Long, Map<String, Object>> fields = new HashMap<>();
            List<Account> accounts = em.createQuery("select a from Account a join fetch a.actor "
                    + "where a.userId in :users", Account.class).setParameter("users", ids).getResultList();
            List<VideoChannel> channels = em.createQuery("select c from VideoChannel c join fetch c.actor "
                    + "join fetch c.account a join fetch a.actor where a.userId in :users order by c.id",
                    VideoChannel.class).setParameter("users", ids).getResultList();
            List<Actor> actors = new ArrayList<>(accounts.stream().map(Account::actor).toList());
            channels.forEach(channel -> actors.add(channel.actor()));
            Actors.loadImages(em, actors);
            for (Account account : accounts) {
                Map<String, Object> user = new LinkedHashMap<>();
                user.put("account", CatalogJson.account(account, host));
                user.put("videoChannels", new ArrayList<Map<String, Object>>());
                fields.put(account.userId(), user);
            }
            for (VideoChannel channel : channels) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> list = (List<Map<String, Object>>) fields
                        .get(channel.account().userId()).get("videoChannels");
                list.add(CatalogJson.channel(channel, host));
            }
            return fields;
        });
    }

    /**
     * Brings the accounts in line with the users: creates the account and default channel of every user who has
     * none (users created while this bundle was not running, such as {@code root} on the first start), and
     * removes the accounts of users who no longer exist. Safe to run at every start, and while users come and go.
     */
    void catchUp(UserDirectory directory) {
        int created = 0;
        int removed = 0;
        long after = 0;
        while (true) {
            List<CreatedUser> page = directory.page(after, CATCH_UP_PAGE);
            boolean last = page.size() < CATCH_UP_PAGE;
            long from = after;
            long to = last ? Long.MAX_VALUE : page.get(page.size() - 1).id();
            Set<Long> accounted = new HashSet<>(transactions.read(em -> em.createQuery("select a.userId from "
                    + "Account a where a.userId > :from and a.userId <= :to", Long.class)
                    .setParameter("from", from).setParameter("to", to).getResultList()));
            Set<Long> users = new HashSet<>();
            for (CreatedUser user : page) {
                users.add(user.id());
                if (!accounted.contains(user.id()) && createMissing(user)) {
                    created++;
                }
            }
            for (long userId : accounted) {
                // A user created since the page was read has an account already: ask before removing.
                if (!users.contains(userId) && !directory.exists(userId) && removeOrphan(userId)) {
                    removed++;
                }
            }
            if (last) {
                break;
            }
            after = to;
        }
        if (created + removed > 0) {
            LOG.info("Accounts caught up with users: {} created, {} removed", created, removed);
        }
        // Accounts created before playlists existed get their watch-later playlist.
        Playlists.catchUpWatchLater(transactions, actors.baseUrl());
    }

    private boolean createMissing(CreatedUser user) {
        try {
            return transactions.call(em -> {
                if (Actors.accountOfUser(em, user.id()).isPresent()) {
                    return false;
                }
                created(em, user);
                return true;
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not create the account of user {} (id {}): {}", user.username(), user.id(),
                    e.getMessage());
            return false;
        }
    }

    private boolean removeOrphan(long userId) {
        return transactions.call(em -> {
            Optional<Account> account = Actors.accountOfUser(em, userId);
            account.ifPresent(a -> Actors.removeAccount(em, a));
            return account.isPresent();
        });
    }
}
