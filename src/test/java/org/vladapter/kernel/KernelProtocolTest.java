package org.vladapter.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives the real kernel process with Jupyter's own client library (python3 {@code jupyter_client}, through
 * {@code protocol_client.py}): execute, stream output, compile and runtime errors with cell lines, HTML display,
 * completion, inspection, is_complete, interrupt (a loop that checks the library's flag and a loop that does not),
 * and restart. Skips, saying why, when Jupyter is not installed, except with {@code VLA_REQUIRE_JUPYTER=1} (CI).
 */
class KernelProtocolTest {

    private static JsonObject result;

    @BeforeAll
    static void runClient(@TempDir Path tmp) throws Exception {
        String python = pythonWithJupyterClient();
        if (python == null) {
            String why = "Jupyter's python3 jupyter_client is not installed (Debian: apt-get install python3-jupyter-client); "
                    + "CI installs it via .ci/run";
            if ("1".equals(System.getenv("VLA_REQUIRE_JUPYTER"))) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        Path kernels = tmp.resolve("share/jupyter/kernels");
        new KernelSpec("vla-protocol-test", "protocol test", System.getProperty("java.class.path"),
                ProcessHandle.current().info().command().orElse("java"), false).writeTo(kernels.resolve("vla-protocol-test"));
        Path script = tmp.resolve("protocol_client.py");
        try (InputStream in = KernelProtocolTest.class.getResourceAsStream("protocol_client.py")) {
            Files.copy(in, script);
        }
        // output to a file: the kernel process inherits the client's stdout and may outlive it
        Path log = tmp.resolve("protocol_client.log");
        ProcessBuilder pb = new ProcessBuilder(python, script.toString(), "vla-protocol-test")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JUPYTER_PATH", tmp.resolve("share/jupyter").toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", tmp.resolve("runtime").toString());
        pb.environment().put("JUPYTER_DATA_DIR", tmp.resolve("data").toString());
        pb.environment().put("JUPYTER_CONFIG_DIR", tmp.resolve("config").toString());
        pb.environment().put("VLADAPTER_KERNEL_OPTS", "-Xmx1g -Xss16m");
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("protocol client did not finish in 300 s:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        int at = text.lastIndexOf("RESULT ");
        if (p.exitValue() != 0 || at < 0) {
            fail("protocol client failed (exit " + p.exitValue() + "):\n" + text);
        }
        result = JsonParser.parseString(text.substring(at + 7).trim()).getAsJsonObject();
    }

    private static String pythonWithJupyterClient() throws InterruptedException {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import jupyter_client").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not this one
            }
        }
        return null;
    }

    private static JsonObject step(String name) {
        return result.getAsJsonObject(name);
    }

    private static List<JsonObject> outputs(String name, String type) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : step(name).getAsJsonArray("outputs")) {
            if (e.getAsJsonObject().get("type").getAsString().equals(type)) {
                out.add(e.getAsJsonObject().getAsJsonObject("content"));
            }
        }
        return out;
    }

    private static String traceback(String name) {
        List<JsonObject> errors = outputs(name, "error");
        assertThat(errors).as(name + " error outputs").hasSize(1);
        StringBuilder sb = new StringBuilder();
        for (JsonElement l : errors.get(0).getAsJsonArray("traceback")) {
            sb.append(l.getAsString().replaceAll("\u001b\\[[0-9;]*m", "")).append('\n');
        }
        return sb.toString();
    }

    @Test
    void kernelInfoNamesJava() {
        JsonObject info = step("kernel_info");
        assertThat(info.get("implementation").getAsString()).isEqualTo(VlKernel.NAME);
        assertThat(info.getAsJsonObject("language_info").get("name").getAsString()).isEqualTo("Java");
    }

    @Test
    void executeReturnsTheLastExpressionAndStdout() {
        assertThat(step("execute").get("status").getAsString()).isEqualTo("ok");
        List<JsonObject> results = outputs("execute", "execute_result");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).getAsJsonObject("data").get("text/plain").getAsString()).isEqualTo("42");
        assertThat(outputs("stream", "stream").get(0).get("text").getAsString()).contains("hello from the kernel");
    }

    @Test
    void compileErrorNamesTheCellLine() {
        assertThat(step("compile_error").get("status").getAsString()).isEqualTo("error");
        assertThat(outputs("compile_error", "error").get(0).get("ename").getAsString()).isEqualTo("CompilationException");
        String tb = traceback("compile_error");
        assertThat(tb).contains("cannot find symbol").contains("cell line 3").contains("undefinedName")
                .contains("^").doesNotContain("jdk.jshell");
    }

    @Test
    void runtimeErrorShowsTheExceptionAndCellFramesOnly() {
        JsonObject err = outputs("runtime_error", "error").get(0);
        assertThat(err.get("ename").getAsString()).isEqualTo("ArithmeticException");
        assertThat(err.get("evalue").getAsString()).isEqualTo("/ by zero");
        String tb = traceback("runtime_error");
        assertThat(tb).contains("java.lang.ArithmeticException: / by zero")
                .contains("f (cell [").contains("line 2)").containsPattern("at cell \\[\\d+\\], line 5")
                .doesNotContain("jdk.jshell").doesNotContain("jdk.internal").doesNotContain("java.lang.reflect")
                .doesNotContain("org.vladapter.kernel");
    }

    @Test
    void tablesRenderAsHtmlWithTextFallback() {
        JsonObject data = outputs("html", "execute_result").get(0).getAsJsonObject("data");
        assertThat(data.get("text/html").getAsString()).contains("<table").contains("<th>a</th>").contains("1.5");
        assertThat(data.get("text/plain").getAsString()).contains("1.5");
    }

    @Test
    void completionOffersMatchesAndMagics() {
        assertThat(strings(step("complete").getAsJsonArray("matches"))).contains("String");
        assertThat(strings(step("complete_member").getAsJsonArray("matches"))).anyMatch(s -> s.startsWith("max("));
        assertThat(step("complete_member").get("cursor_start").getAsInt()).isEqualTo(5);
        assertThat(strings(step("complete_magic").getAsJsonArray("matches"))).containsExactly("jars");
    }

    @Test
    void inspectionShowsTheSignature() {
        JsonObject inspect = step("inspect");
        assertThat(inspect.get("found").getAsBoolean()).isTrue();
        assertThat(inspect.getAsJsonObject("data").get("text/plain").getAsString()).contains("max(int");
    }

    @Test
    void isCompleteTellsOpenBlocksFromFinishedCode() {
        assertThat(step("is_complete_open").get("status").getAsString()).isEqualTo("incomplete");
        assertThat(step("is_complete_done").get("status").getAsString()).isEqualTo("complete");
        assertThat(step("is_complete_bad").get("status").getAsString()).isEqualTo("invalid");
    }

    @Test
    void interruptStopsALoopAtItsNextStepAndTheKernelLivesOn() {
        assertThat(step("interrupt_step").get("status").getAsString()).isEqualTo("error");
        assertThat(traceback("interrupt_step")).contains("RunInterruptedException").contains("interrupted before test step");
        assertThat(step("interrupt_step").get("seconds").getAsDouble()).isLessThan(30);
        assertThat(step("interrupt_spin").get("status").getAsString()).isEqualTo("error");
        assertThat(traceback("interrupt_spin")).contains("Interrupted");
        assertThat(step("after_interrupt").get("status").getAsString()).isEqualTo("ok");
        String value = outputs("after_interrupt", "execute_result").get(0).getAsJsonObject("data").get("text/plain").getAsString();
        assertThat(Integer.parseInt(value)).isGreaterThan(41);
    }

    @Test
    void restartStartsAFreshKernel() {
        assertThat(step("after_restart_gone").get("status").getAsString()).isEqualTo("error");
        assertThat(traceback("after_restart_gone")).contains("cannot find symbol");
        assertThat(outputs("after_restart", "execute_result").get(0).getAsJsonObject("data").get("text/plain").getAsString())
                .isEqualTo("42");
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
