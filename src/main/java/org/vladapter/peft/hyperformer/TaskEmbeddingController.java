package org.vladapter.peft.hyperformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.vladapter.nn.Module;
import org.vladapter.nn.Initializers;
import org.vladapter.peft.ParameterDict;
import org.vladapter.peft.Sharing;
import org.vladapter.peft.TaskRoutes;
import org.vladapter.peft.Tensors;

import java.util.List;

/**
 * One embedding vector per task, N(0, 1), shared by encoder and decoder; registered at the model root as
 * {@value #ROOT_NAME}, parameters {@code shared_task_embed.task_to_embeddings.{task}} [e].
 */
public final class TaskEmbeddingController extends Module {

    /** The root name of this module. */
    public static final String ROOT_NAME = "shared_task_embed";

    private final TaskRoutes routes;
    private final ParameterDict embeddings;

    /**
     * @param tasks the task keys
     * @param dim the embedding size e
     */
    public TaskEmbeddingController(List<String> tasks, int dim) {
        this.routes = new TaskRoutes(tasks, Sharing.MULTIPLE);
        this.embeddings = module("task_to_embeddings", new ParameterDict());
        for (String task : routes.tasks()) {
            embeddings.put(task, new Shape(dim), Initializers.normal(1.0));
        }
    }

    /**
     * @param manager the manager of the result (the batch's)
     * @param task a task key
     * @return the task's embedding [e], owned by {@code manager}
     * @throws IllegalArgumentException naming the task and the known ones when it is unknown
     */
    public NDArray embedding(NDManager manager, String task) {
        return Tensors.lift(manager, embeddings.get(routes.key(task)).getArray());
    }

    /** @return the tasks */
    public List<String> tasks() {
        return routes.tasks();
    }
}
