package org.vladapter.peft;

import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One module per task ({@link Sharing#MULTIPLE}) or one module for all tasks ({@link Sharing#SINGLE}),
 * registered as children named by their route key (see {@link TaskRoutes}): the PyTorch
 * {@code ModuleDict} keyed by task of the original, with the shared module registered once.
 *
 * @param <M> the module type
 */
public final class TaskRouted<M extends Module> extends Module {

    private final TaskRoutes routes;
    private final Map<String, M> byKey = new LinkedHashMap<>();

    private TaskRouted(TaskRoutes routes, Function<String, M> factory) {
        this.routes = routes;
        for (String key : routes.keys()) {
            byKey.put(key, module(key, factory.apply(key)));
        }
    }

    /**
     * @param sharing single or multiple
     * @param tasks the task keys
     * @param factory builds the module for a route key (called once per key: once for single)
     * @param <M> the module type
     * @return the routed modules
     */
    public static <M extends Module> TaskRouted<M> of(Sharing sharing, List<String> tasks, Function<String, M> factory) {
        return new TaskRouted<>(new TaskRoutes(tasks, sharing), factory);
    }

    /**
     * @param tasks the task keys
     * @param factory builds the module for a task
     * @param <M> the module type
     * @return one module per task
     */
    public static <M extends Module> TaskRouted<M> multiple(List<String> tasks, Function<String, M> factory) {
        return of(Sharing.MULTIPLE, tasks, factory);
    }

    /**
     * @param tasks the task keys
     * @param factory builds the shared module (called once, with the first task key)
     * @param <M> the module type
     * @return one module routed from every task
     */
    public static <M extends Module> TaskRouted<M> single(List<String> tasks, Function<String, M> factory) {
        return of(Sharing.SINGLE, tasks, factory);
    }

    /**
     * @param task a task key ({@code null} is accepted for single sharing)
     * @return the module serving the task
     * @throws IllegalArgumentException naming the task and the known ones when it is unknown
     */
    public M route(String task) {
        return byKey.get(routes.key(task));
    }

    /**
     * @param ctx a forward context
     * @return the module serving its task
     */
    public M route(ForwardContext ctx) {
        return byKey.get(routes.key(ctx));
    }

    /** @return the routing (tasks, sharing) */
    public TaskRoutes routes() {
        return routes;
    }

    /** @return the distinct modules by route key (one entry for single sharing) */
    public Map<String, M> modules() {
        return Collections.unmodifiableMap(byKey);
    }
}
