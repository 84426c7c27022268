package org.vladapter.cli;

import org.vladapter.kernel.KernelDoctor;
import org.vladapter.kernel.KernelInstaller;
import org.vladapter.kernel.KernelSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code vladapter kernel install|uninstall|doctor}: the Jupyter kernel for notebooks (package
 * {@code org.vladapter.kernel}).
 */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "Installs, removes or checks the Java Jupyter kernel.",
        subcommands = {KernelCommand.Install.class, KernelCommand.Uninstall.class, KernelCommand.Doctor.class})
public final class KernelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where to install. */
    static final class Where {
        @Option(names = "--user", description = "into the user's Jupyter folder (default)")
        boolean user;
        @Option(names = "--sys-prefix", description = "into the Python environment Jupyter runs in")
        boolean sysPrefix;
        @Option(names = "--prefix", paramLabel = "DIR", description = "into DIR/share/jupyter/kernels (for tests and CI)")
        Path prefix;
    }

    /** {@code kernel install}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Writes the kernelspec (launcher with Java 17 and this jar) and installs it with `jupyter kernelspec install`.")
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = true)
        Where where;

        @Option(names = "--name", defaultValue = KernelSpec.DEFAULT_NAME, description = "kernelspec name (default: ${DEFAULT-VALUE})")
        String name;

        @Option(names = "--plain", description = "install the plain variant (only %%classpath/%%jars, library only via %%jars), "
                + "as `NAME-plain`: checks that notebooks also run under JJava/IJava")
        boolean plain;

        @Override
        public Integer call() {
            Path jar = KernelInstaller.runningJar();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the kernel must be installed from the library jar (bin/vladapter), not from " + jar);
            }
            String n = plain ? name + "-plain" : name;
            KernelSpec ks = KernelSpec.of(n, jar.toString(), plain);
            KernelInstaller.Scope scope = where == null || where.user ? KernelInstaller.Scope.USER
                    : where.sysPrefix ? KernelInstaller.Scope.SYS_PREFIX : KernelInstaller.Scope.PREFIX;
            String report = KernelInstaller.install(ks, scope, where == null ? null : where.prefix);
            spec.commandLine().getOut().println(report);
            spec.commandLine().getOut().println("installed kernel '" + n + "' (" + ks.displayName() + ") running " + jar);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code kernel uninstall}. */
    @Command(name = "uninstall", mixinStandardHelpOptions = true, description = "Removes the kernelspec.")
    static final class Uninstall implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", defaultValue = KernelSpec.DEFAULT_NAME, description = "kernelspec name (default: ${DEFAULT-VALUE})")
        String name;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(KernelInstaller.uninstall(name));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code kernel doctor}. */
    @Command(name = "doctor", mixinStandardHelpOptions = true,
            description = "Prints what it finds: Java, the jar, Jupyter, the kernelspec; exit code 1 on a problem.")
    static final class Doctor implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", defaultValue = KernelSpec.DEFAULT_NAME, description = "kernelspec name (default: ${DEFAULT-VALUE})")
        String name;

        @Override
        public Integer call() {
            return KernelDoctor.check(spec.commandLine().getOut(), name) == 0 ? 0 : 1;
        }
    }
}
