package org.vladapter.kernel;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs JShell snippets in the kernel's own JVM and keeps each snippet's value as an object (JShell's own local
 * engine only returns the value's text), so the kernel can render it; also keeps the user's exception object
 * and the class loader snippets live in.
 *
 * <p>Each snippet runs on a fresh thread, with PyTorch's gradient recording off (as on a plain program's main
 * thread); {@link #interruptThread()} interrupts it and {@link #interrupt(long)}
 * stops it ({@link Thread#stop()}, the last resort for a loop that never checks) if it outlives a grace period.
 */
final class ObjectExecutionControl extends DirectExecutionControl {

    /** Prefix of the value text JShell reports; the rest is the key of the value object. */
    static final String VALUE_KEY = "\u0000vla-value";

    private final ThreadGroup group = new ThreadGroup("notebook cells");
    private volatile Thread running;
    private volatile boolean stopped;
    private volatile boolean wasStopped;
    private volatile ClassLoader snippetLoader;
    private volatile Object lastValue;
    private volatile Throwable lastException;

    /** @return the provider that makes this control for {@code JShell.builder().executionEngine(...)} */
    static Provider provider(ObjectExecutionControl[] made) {
        return new Provider(made);
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.load(cbcs);
        if (snippetLoader == null && cbcs.length > 0) {
            try {
                snippetLoader = findClass(cbcs[0].name()).getClassLoader();
            } catch (ClassNotFoundException e) {
                // keep looking on the next load
            }
        }
    }

    /**
     * PyTorch records gradients by default on every thread but the one its engine started on, and a recording
     * thread refuses in-place updates of parameters (loading, optimizer steps) and makes computed arrays
     * non-leaves; a cell thread is therefore set like the engine's own thread. When the engine cannot start
     * here, the cell runs as it is (and reports the engine's own error if it uses it).
     */
    private static void recordNoGradients() {
        try {
            org.vladapter.nn.NoGradient.offOnThisThread();
        } catch (Throwable e) {
            // no engine: nothing records
        }
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        AtomicReference<Object> value = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(group, () -> {
            recordNoGradients();
            try {
                value.set(doitMethod.invoke(null));
            } catch (InvocationTargetException e) {
                thrown.set(e);
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "notebook cell");
        t.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        stopped = false;
        running = t;
        t.start();
        try {
            t.join();
        } finally {
            running = null;
        }
        if (stopped) {
            wasStopped = true;
            throw new StoppedException();
        }
        if (thrown.get() != null) {
            Throwable e = thrown.get();
            if (e instanceof InvocationTargetException ite && ite.getCause() instanceof ThreadDeath) {
                wasStopped = true;
                throw new StoppedException();
            }
            throw e instanceof Exception x ? x : new InvocationTargetException(e);
        }
        lastValue = value.get();
        return VALUE_KEY;
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        try {
            java.lang.reflect.Field f = findClass(className).getDeclaredField(varName);
            f.setAccessible(true);
            lastValue = f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            lastValue = null;
        }
        return super.varValue(className, varName);
    }

    /** @return whether a snippet was stopped by {@link #interrupt(long)} since the last call (and forgets it) */
    boolean takeStopped() {
        boolean s = wasStopped;
        wasStopped = false;
        return s;
    }

    @Override
    protected String throwConvertedInvocationException(Throwable cause) throws RunException, InternalException {
        lastException = cause;
        return super.throwConvertedInvocationException(cause);
    }

    /** Interrupts the running snippet; stops its thread if it is still running after {@code graceMillis}. */
    @SuppressWarnings({"deprecation", "removal"})
    void interrupt(long graceMillis) {
        Thread t = running;
        if (t == null) {
            return;
        }
        if (graceMillis > 0) {
            try {
                t.join(graceMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (t.isAlive()) {
            stopped = true;
            try {
                t.stop();
            } catch (UnsupportedOperationException e) {
                // a newer JDK without Thread.stop: the interrupt and the library's flag are all there is
                stopped = false;
            }
        }
    }

    /** Interrupts the running snippet's thread ({@link Thread#interrupt()}), if any. */
    void interruptThread() {
        Thread t = running;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void stop() {
        interrupt(0);
    }

    /** @return whether a snippet is running now */
    boolean isRunning() {
        return running != null;
    }

    /** @return the value of the last snippet that ran (and forgets it) */
    Object takeValue() {
        Object v = lastValue;
        lastValue = null;
        return v;
    }

    /** @return the exception the last failing snippet threw (and forgets it), or {@code null} */
    Throwable takeException() {
        Throwable e = lastException;
        lastException = null;
        return e;
    }

    /** @return the class loader of snippet classes, or the context loader before the first snippet */
    ClassLoader classLoader() {
        ClassLoader l = snippetLoader;
        return l != null ? l : Thread.currentThread().getContextClassLoader();
    }

    /** Makes one control per JShell and hands it back to the kernel. */
    static final class Provider implements ExecutionControlProvider {
        private final ObjectExecutionControl[] made;

        Provider(ObjectExecutionControl[] made) {
            this.made = made;
        }

        @Override
        public String name() {
            return "vladapter-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            ObjectExecutionControl c = new ObjectExecutionControl();
            made[0] = c;
            return c;
        }
    }
}
