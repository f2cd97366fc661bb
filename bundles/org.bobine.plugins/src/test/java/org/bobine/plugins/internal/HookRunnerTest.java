package org.bobine.plugins.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bobine.api.hook.AcceptResult;
import org.bobine.api.hook.ActionHook;
import org.bobine.api.hook.FilterHook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class HookRunnerTest {

    private static final String LIST = "filter:api.videos.list.result";
    private static final String UPLOAD = "filter:api.video.upload.accept.result";
    private static final String UPLOADED = "action:api.video.uploaded";

    private final HookRunner hooks = new HookRunner(1000, 4, 16, 1, 2);
    private long nextServiceId = 1;

    @AfterEach
    void stop() {
        hooks.deactivate();
    }

    @Test
    void withoutHandlersTheValueIsReturnedAsItIs() {
        Map<String, Object> value = Map.of("total", 0);
        assertThat(hooks.filter(LIST, value, Map.of())).isSameAs(value);
        assertThat(hooks.has(LIST)).isFalse();
        assertThat(hooks.accept(UPLOAD, Map.of())).isEqualTo(AcceptResult.accept());
    }

    @Test
    void filtersRunByPriorityHighestFirstThenByRegistration() {
        addFilter(appending("a"), LIST, 0);
        addFilter(appending("b"), LIST, 10);
        addFilter(appending("c"), LIST, 0);
        addFilter(appending("d"), LIST, -5);
        addFilter(appending("other"), "filter:api.video.get.result", 100);

        Map<String, Object> result = hooks.filter(LIST, Map.of("order", ""), Map.of());

        assertThat(result).containsEntry("order", "bacd");
        assertThat(hooks.has(LIST)).isTrue();
    }

    @Test
    void eachFilterWorksOnItsOwnCopyAndParamsAreReadOnly() {
        List<Object> seen = Collections.synchronizedList(new ArrayList<>());
        addFilter((hook, result, params) -> {
            seen.add(params.get("start"));
            assertThatThrownBy(() -> params.put("start", 5)).isInstanceOf(UnsupportedOperationException.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) result;
            ((List<Object>) map.get("data")).clear();
            return map;
        }, LIST, 0);
        Map<String, Object> original = new HashMap<>(Map.of("data", new ArrayList<>(List.of(1, 2))));

        Map<String, Object> filtered = hooks.filter(LIST, original, Map.of("start", 0));

        assertThat(filtered.get("data")).isEqualTo(List.of());
        assertThat(original.get("data")).isEqualTo(List.of(1, 2));
        assertThat(seen).containsExactly(0);
    }

    @Test
    void aThrowingFilterIsSkippedAndTheOthersRun() {
        addFilter(appending("a"), LIST, 10);
        addFilter((hook, result, params) -> {
            throw new IllegalStateException("broken plugin");
        }, LIST, 5);
        addFilter((hook, result, params) -> {
            throw new NoClassDefFoundError("a class of an uninstalled bundle");
        }, LIST, 4);
        addFilter(appending("b"), LIST, 0);

        assertThat(hooks.filter(LIST, Map.of("order", ""), Map.of())).containsEntry("order", "ab");
    }

    @Test
    void anAnswerOfTheWrongShapeIsIgnored() {
        addFilter((hook, result, params) -> "not a map", LIST, 10);
        addFilter((hook, result, params) -> null, LIST, 5);
        addFilter((hook, result, params) -> Boolean.FALSE, UPLOAD, 0);

        assertThat(hooks.filter(LIST, Map.of("total", 1), Map.of())).containsEntry("total", 1);
        assertThat(hooks.accept(UPLOAD, Map.of()).accepted()).isTrue();
    }

    @Test
    void aHangingFilterIsAbandonedWithinTheBound() {
        CountDownLatch interrupted = new CountDownLatch(1);
        addFilter((hook, result, params) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return Map.of("order", "late");
        }, LIST, 10);
        addFilter(appending("b"), LIST, 0);

        long start = System.nanoTime();
        Map<String, Object> result = hooks.filter(LIST, Map.of("order", ""), Map.of());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result).containsEntry("order", "b");
        assertThat(millis).isBetween(950L, 3000L);
        assertThat(await(interrupted)).isTrue();
    }

    @Test
    void anAcceptHookTakesTheLastAnswer() {
        addFilter((hook, result, params) -> {
            Map<?, ?> body = (Map<?, ?>) params.get("videoBody");
            return String.valueOf(body.get("name")).contains("spam") ? AcceptResult.reject("No spam") : result;
        }, UPLOAD, 0);

        assertThat(hooks.accept(UPLOAD, Map.of("videoBody", Map.of("name", "cats")))).isEqualTo(AcceptResult.accept());
        assertThat(hooks.accept(UPLOAD, Map.of("videoBody", Map.of("name", "spam!"))))
                .isEqualTo(AcceptResult.reject("No spam"));
    }

    @Test
    void aRemovedFilterIsNoLongerCalledButACallInProgressKeepsItsHandlers() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long slow = addFilter((hook, result, params) -> {
            entered.countDown();
            release.await();
            return Map.of("order", "slow");
        }, LIST, 10);
        long second = addFilter(appending("b"), LIST, 0);

        List<Map<String, Object>> results = Collections.synchronizedList(new ArrayList<>());
        Thread call = new Thread(() -> results.add(hooks.filter(LIST, Map.of("order", ""), Map.of())));
        call.start();
        assertThat(await(entered)).isTrue();
        hooks.removeFilter(slow);
        hooks.removeFilter(second);
        release.countDown();
        call.join(2000);

        assertThat(results).containsExactly(Map.of("order", "slowb"));
        assertThat(hooks.filter(LIST, Map.of("order", ""), Map.of())).containsEntry("order", "");
        assertThat(hooks.has(LIST)).isFalse();
    }

    @Test
    void actionsRunInTheBackgroundWithoutHoldingTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(1);
        List<Object> seen = Collections.synchronizedList(new ArrayList<>());
        addAction((hook, params) -> {
            release.await();
            seen.add(params.get("video"));
            ran.countDown();
        }, UPLOADED, 0);

        long start = System.nanoTime();
        hooks.action(UPLOADED, Map.of("video", Map.of("id", 1)));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(200);
        assertThat(seen).isEmpty();

        release.countDown();
        assertThat(await(ran)).isTrue();
        assertThat(seen).containsExactly(Map.of("id", 1));
    }

    @Test
    void aThrowingActionHarmsNothing() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        addAction((hook, params) -> {
            throw new IllegalStateException("broken plugin");
        }, UPLOADED, 10);
        addAction((hook, params) -> ran.countDown(), UPLOADED, 0);

        hooks.action(UPLOADED, Map.of());

        assertThat(await(ran)).isTrue();
    }

    @Test
    void whenTheActionQueueIsFullActionsAreDropped() throws Exception {
        // One thread and a queue of two: the first action holds the thread, two wait, the rest are dropped.
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        addAction((hook, params) -> {
            release.await();
            runs.incrementAndGet();
        }, UPLOADED, 0);

        for (int i = 0; i < 10; i++) {
            hooks.action(UPLOADED, Map.of());
        }
        release.countDown();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (runs.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        assertThat(runs.get()).isEqualTo(3);
    }

    private static FilterHook appending(String letter) {
        return (hook, result, params) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) result;
            map.put("order", map.get("order") + letter);
            return map;
        };
    }

    private long addFilter(FilterHook filter, String hook, int priority) {
        long id = nextServiceId++;
        hooks.addFilter(filter, properties(hook, priority, id), "test.plugin." + id);
        return id;
    }

    private void addAction(ActionHook action, String hook, int priority) {
        long id = nextServiceId++;
        hooks.addAction(action, properties(hook, priority, id), "test.plugin." + id);
    }

    private static Map<String, Object> properties(String hook, int priority, long id) {
        return Map.of(FilterHook.NAME, new String[] {hook}, FilterHook.PRIORITY, priority,
                Constants.SERVICE_ID, id);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
