package org.bobine.catalog.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.bobine.api.hook.AcceptResult;
import org.bobine.api.hook.Hooks;

/**
 * The plugins' hooks as the catalog sees them, without the plugins bundle: filters by hook name, and the actions
 * queued, recorded in order. Every action hook counts as listened to.
 */
final class RecordingHooks implements Hooks {

    /** An action queued by the catalog. */
    record Action(String hook, Map<String, ?> params) {
    }

    final Map<String, BiFunction<Object, Map<String, ?>, Object>> filters = new HashMap<>();
    final List<Action> actions = new ArrayList<>();

    @Override
    public boolean has(String hook) {
        return filters.containsKey(hook) || hook.startsWith("action:");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T filter(String hook, T value, Map<String, ?> params) {
        BiFunction<Object, Map<String, ?>, Object> filter = filters.get(hook);
        return filter == null ? value : (T) filter.apply(value, params);
    }

    @Override
    public AcceptResult accept(String hook, Map<String, ?> params) {
        return filter(hook, AcceptResult.accept(), params);
    }

    @Override
    public synchronized void action(String hook, Map<String, ?> params) {
        actions.add(new Action(hook, params));
    }

    /** @return the parameters of the actions queued for a hook, in order */
    synchronized List<Map<String, ?>> actions(String hook) {
        return actions.stream().filter(a -> a.hook().equals(hook)).<Map<String, ?>>map(Action::params).toList();
    }
}
