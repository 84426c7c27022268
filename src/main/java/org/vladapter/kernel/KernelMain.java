package org.vladapter.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the kernel for Jupyter: {@code java -cp vl-adapter.jar org.vladapter.kernel.KernelMain [--plain]
 * CONNECTION_FILE} (the kernelspec's launcher does this).
 */
public final class KernelMain {

    private KernelMain() {}

    /**
     * @param args {@code [--plain] CONNECTION_FILE}
     * @throws Exception when the connection cannot be made
     */
    public static void main(String[] args) throws Exception {
        boolean plain = false;
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--plain")) {
                plain = true;
            } else {
                rest.add(a);
            }
        }
        if (rest.size() != 1) {
            System.err.println("usage: KernelMain [--plain] CONNECTION_FILE");
            System.exit(2);
        }
        Path file = Path.of(rest.get(0));
        if (!Files.isRegularFile(file)) {
            System.err.println("vladapter kernel: connection file not found: " + file);
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        NotebookLogging.quiet();
        JupyterConnection connection = new JupyterConnection(KernelConnectionProperties.parse(Files.readString(file)));
        VlKernel kernel = VlKernel.create(plain);
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
    }
}
