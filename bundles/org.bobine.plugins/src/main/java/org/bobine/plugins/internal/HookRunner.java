package org.bobine.plugins.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.bobine.api.hook.AcceptResult;
import org.bobine.api.hook.ActionHook;
import org.bobine.api.hook.FilterHook;
import org.bobine.api.hook.Hooks;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Hooks} service: a whiteboard of the {@link FilterHook} and {@link ActionHook} services by hook name,
 * kept as an immutable table replaced on every change, so that a call uses the handlers of the moment it starts.
 *
 * <p>Filters run one after the other on a bounded pool, the caller waiting for each at most
 * {@link #FILTER_TIMEOUT_MILLIS}: a filter that hangs costs the request that bound once and a pool thread until
 * it returns, never the request thread. When every pool thread is taken and the pool's queue is full, a filter is
 * skipped like one that timed out. Actions go to a second bounded pool and are dropped when its queue is full.
 */
@Component(service = Hooks.class)
public class HookRunner implements Hooks {

    private static final Logger LOG = LoggerFactory.getLogger(HookRunner.class);

    /** How long a request waits for one filter. */
    static final long FILTER_TIMEOUT_MILLIS = 2000;
    static final int FILTER_THREADS = 8;
    static final int FILTER_QUEUE = 256;
    static final int ACTION_THREADS = 2;
    static final int ACTION_QUEUE = 1000;

    /** A handler of some hooks, with what orders it and names it in logs. */
    record Handler<S>(S service, List<String> hooks, int priority, long serviceId, String bundle) {
    }

    private static final Comparator<Handler<?>> ORDER = Comparator.<Handler<?>>comparingInt(Handler::priority)
            .reversed().thenComparingLong(Handler::serviceId);

    private final Map<Long, Handler<FilterHook>> filters = new TreeMap<>();
    private final Map<Long, Handler<ActionHook>> actions = new TreeMap<>();
    private volatile Map<String, List<Handler<FilterHook>>> filtersByHook = Map.of();
    private volatile Map<String, List<Handler<ActionHook>>> actionsByHook = Map.of();

    private final long filterTimeoutMillis;
    private final ThreadPoolExecutor filterPool;
    private final ThreadPoolExecutor actionPool;

    @Activate
    public HookRunner() {
        this(FILTER_TIMEOUT_MILLIS, FILTER_THREADS, FILTER_QUEUE, ACTION_THREADS, ACTION_QUEUE);
    }

    HookRunner(long filterTimeoutMillis, int filterThreads, int filterQueue, int actionThreads, int actionQueue) {
        this.filterTimeoutMillis = filterTimeoutMillis;
        this.filterPool = pool("bobine-hook-filter-", filterThreads, filterQueue);
        this.actionPool = pool("bobine-hook-action-", actionThreads, actionQueue);
    }

    private static ThreadPoolExecutor pool(String name, int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, name + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(queue), factory, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Deactivate
    void deactivate() {
        filterPool.shutdownNow();
        actionPool.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addFilter(ServiceReference<FilterHook> reference, FilterHook filter) {
        addFilter(filter, properties(reference), bundleName(reference));
    }

    void removeFilter(ServiceReference<FilterHook> reference) {
        removeFilter((Long) reference.getProperty(Constants.SERVICE_ID));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addAction(ServiceReference<ActionHook> reference, ActionHook action) {
        addAction(action, properties(reference), bundleName(reference));
    }

    void removeAction(ServiceReference<ActionHook> reference) {
        removeAction((Long) reference.getProperty(Constants.SERVICE_ID));
    }

    void addFilter(FilterHook filter, Map<String, Object> properties, String bundle) {
        Handler<FilterHook> handler = handler(filter, properties, bundle);
        synchronized (filters) {
            filters.put(handler.serviceId(), handler);
            filtersByHook = byHook(filters.values());
        }
        LOG.info("Filter of {} registered by {}", handler.hooks(), bundle);
    }

    void removeFilter(long serviceId) {
        synchronized (filters) {
            if (filters.remove(serviceId) != null) {
                filtersByHook = byHook(filters.values());
            }
        }
    }

    void addAction(ActionHook action, Map<String, Object> properties, String bundle) {
        Handler<ActionHook> handler = handler(action, properties, bundle);
        synchronized (actions) {
            actions.put(handler.serviceId(), handler);
            actionsByHook = byHook(actions.values());
        }
        LOG.info("Action on {} registered by {}", handler.hooks(), bundle);
    }

    void removeAction(long serviceId) {
        synchronized (actions) {
            if (actions.remove(serviceId) != null) {
                actionsByHook = byHook(actions.values());
            }
        }
    }

    @Override
    public boolean has(String hook) {
        return filtersByHook.containsKey(hook) || actionsByHook.containsKey(hook);
    }

    @Override
    public <T> T filter(String hook, T value, Map<String, ?> params) {
        if (value == null) {
            throw new IllegalArgumentException("A hook's value cannot be null");
        }
        List<Handler<FilterHook>> handlers = filtersByHook.get(hook);
        if (handlers == null) {
            return value;
        }
        Map<String, Object> readOnlyParams = JsonValues.readOnly(params);
        T result = value;
        for (Handler<FilterHook> handler : handlers) {
            Object copy = JsonValues.copy(result);
            Future<Object> answer;
            try {
                answer = filterPool.submit(() -> handler.service().filter(hook, copy, readOnlyParams));
            } catch (RejectedExecutionException e) {
                LOG.warn("Filter of {} by {} skipped: every hook thread is busy", hook, handler.bundle());
                continue;
            }
            try {
                Object filtered = answer.get(filterTimeoutMillis, TimeUnit.MILLISECONDS);
                if (JsonValues.sameShape(value, filtered)) {
                    @SuppressWarnings("unchecked") // checked by sameShape
                    T next = (T) filtered;
                    result = next;
                } else {
                    LOG.warn("Filter of {} by {} ignored: it answered {} for {}", hook, handler.bundle(),
                            filtered == null ? "null" : filtered.getClass().getName(), value.getClass().getName());
                }
            } catch (TimeoutException e) {
                answer.cancel(true);
                LOG.warn("Filter of {} by {} abandoned: no answer within {} ms", hook, handler.bundle(),
                        filterTimeoutMillis);
            } catch (ExecutionException e) {
                LOG.warn("Filter of {} by {} failed and is skipped", hook, handler.bundle(), e.getCause());
            } catch (InterruptedException e) {
                answer.cancel(true);
                Thread.currentThread().interrupt();
                return result;
            }
        }
        return result;
    }

    @Override
    public AcceptResult accept(String hook, Map<String, ?> params) {
        return filter(hook, AcceptResult.accept(), params);
    }

    @Override
    public void action(String hook, Map<String, ?> params) {
        List<Handler<ActionHook>> handlers = actionsByHook.get(hook);
        if (handlers == null) {
            return;
        }
        Map<String, Object> readOnlyParams = JsonValues.readOnly(params);
        for (Handler<ActionHook> handler : handlers) {
            try {
                actionPool.execute(() -> run(handler, hook, readOnlyParams));
            } catch (RejectedExecutionException e) {
                LOG.warn("Action on {} by {} dropped: the queue of actions is full", hook, handler.bundle());
            }
        }
    }

    private static void run(Handler<ActionHook> handler, String hook, Map<String, Object> params) {
        try {
            handler.service().run(hook, params);
        } catch (Exception | LinkageError e) {
            // A LinkageError is what a handler whose bundle went away mid-call throws.
            LOG.warn("Action on {} by {} failed", hook, handler.bundle(), e);
        }
    }

    private static <S> Handler<S> handler(S service, Map<String, Object> properties, String bundle) {
        Object names = properties.get(FilterHook.NAME);
        List<String> hooks = new ArrayList<>();
        if (names instanceof String name) {
            hooks.add(name);
        } else if (names instanceof String[] array) {
            hooks.addAll(List.of(array));
        } else if (names instanceof Collection<?> collection) {
            collection.forEach(name -> hooks.add(String.valueOf(name)));
        }
        int priority = properties.get(FilterHook.PRIORITY) instanceof Number n ? n.intValue()
                : FilterHook.DEFAULT_PRIORITY;
        long serviceId = properties.get(Constants.SERVICE_ID) instanceof Long id ? id : 0;
        if (hooks.isEmpty()) {
            LOG.warn("A hook of {} names no hook ({}) and is never called", bundle, FilterHook.NAME);
        }
        return new Handler<>(service, List.copyOf(hooks), priority, serviceId, bundle);
    }

    private static <S> Map<String, List<Handler<S>>> byHook(Collection<Handler<S>> handlers) {
        Map<String, List<Handler<S>>> byHook = new HashMap<>();
        for (Handler<S> handler : handlers) {
            for (String hook : handler.hooks()) {
                byHook.computeIfAbsent(hook, h -> new ArrayList<>()).add(handler);
            }
        }
        Map<String, List<Handler<S>>> sorted = new HashMap<>();
        byHook.forEach((hook, list) -> {
            list.sort(ORDER);
            sorted.put(hook, List.copyOf(list));
        });
        return Collections.unmodifiableMap(sorted);
    }

    private static Map<String, Object> properties(ServiceReference<?> reference) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String key : reference.getPropertyKeys()) {
            properties.put(key, reference.getProperty(key));
        }
        return properties;
    }

    private static String bundleName(ServiceReference<?> reference) {
        Bundle bundle = reference.getBundle();
        return bundle == null ? "a stopped bundle" : bundle.getSymbolicName();
    }
}
