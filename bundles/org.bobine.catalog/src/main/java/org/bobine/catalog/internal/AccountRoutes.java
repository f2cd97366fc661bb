package org.bobine.catalog.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.Page;
import org.bobine.web.api.Pagination;
import org.bobine.web.api.Router;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Accounts, public: {@code GET /api/v1/accounts}, {@code /accounts/{name}}, {@code /accounts/{name}/video-channels}. */
@Component(service = ApiRoutes.class)
public class AccountRoutes implements ApiRoutes {

    /** PeerTube's sortable columns of the account list. */
    static final Set<String> SORTABLE = Set.of("createdAt");

    private final Actors actors;
    private final TransactionService transactions;

    @Activate
    public AccountRoutes(@Reference Actors actors) {
        this.actors = actors;
        this.transactions = actors.transactions();
    }

    @Override
    public void register(Router router) {
        router.get("/accounts", this::list);
        router.get("/accounts/{name}", this::get);
        router.get("/accounts/{name}/video-channels", this::channels);
    }

    Page<Map<String, Object>> list(ApiRequest request) {
        Pagination page = request.pagination(SORTABLE, "-createdAt");
        String host = actors.localHost();
        return transactions.read(em -> {
            List<Account> accounts = em.createQuery("select a from Account a join fetch a.actor order by "
                    + "a.createdAt" + (page.descending() ? " desc" : " asc") + ", a.id", Account.class)
                    .setFirstResult(page.start()).setMaxResults(page.count()).getResultList();
            Actors.loadImages(em, accounts.stream().map(Account::actor).toList());
            List<Map<String, Object>> data = accounts.stream().map(a -> CatalogJson.account(a, host)).toList();
            long total = em.createQuery("select count(a) from Account a", Long.class).getSingleResult();
            return Page.of(total, data);
        });
    }

    Map<String, Object> get(ApiRequest request) {
        String host = actors.localHost();
        return transactions.read(em -> CatalogJson.account(actors.findAccount(em, request.pathParam("name"))
                .orElseThrow(AccountRoutes::notFound), host));
    }

    Page<Map<String, Object>> channels(ApiRequest request) {
        Pagination page = request.pagination(ChannelRoutes.SORTS.keySet(), "-createdAt");
        String host = actors.localHost();
        return transactions.read(em -> {
            Account account = actors.findAccount(em, request.pathParam("name")).orElseThrow(AccountRoutes::notFound);
            return ChannelRoutes.page(em, account.id(), page, host);
        });
    }

    private static ApiException notFound() {
        return ApiException.notFound("Account not found");
    }
}
