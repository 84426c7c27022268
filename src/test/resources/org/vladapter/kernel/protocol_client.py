"""Drives a Jupyter kernel through jupyter_client (the client Jupyter itself uses) and prints what came back
as JSON, for KernelProtocolTest. usage: protocol_client.py KERNEL_NAME"""
import json
import sys
import time

from jupyter_client import KernelManager


def main(name):
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    try:
        scenario(km)
    finally:
        if km.is_alive():
            km.shutdown_kernel(now=True)


def scenario(km):
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=90)
    res = {}

    def collect(msg_id, timeout=60):
        outputs = []
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                m = kc.get_iopub_msg(timeout=1)
            except Exception:
                continue
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            t = m["msg_type"]
            if t == "status" and m["content"]["execution_state"] == "idle":
                break
            if t in ("stream", "execute_result", "display_data", "update_display_data", "error"):
                outputs.append({"type": t, "content": m["content"]})
        reply = kc.get_shell_msg(timeout=max(1, deadline - time.time()))
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = kc.get_shell_msg(timeout=max(1, deadline - time.time()))
        return {"status": reply["content"]["status"], "outputs": outputs}

    def shell_reply(msg_id, timeout=30):
        reply = kc.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = kc.get_shell_msg(timeout=timeout)
        return reply["content"]

    def run(code, timeout=60):
        return collect(kc.execute(code), timeout)

    def interrupted(code):
        msg_id = kc.execute(code)
        time.sleep(3)
        t0 = time.time()
        km.interrupt_kernel()
        r = collect(msg_id, 60)
        r["seconds"] = time.time() - t0
        return r

    res["kernel_info"] = kc.kernel_info(reply=True, timeout=30)["content"]
    res["execute"] = run("int x = 40;\nx + 2")
    res["stream"] = run('System.out.println("hello from the kernel");')
    res["compile_error"] = run("int a = 1;\n\nint b = undefinedName + 1;")
    res["runtime_error"] = run("int f(int d) {\n    return 10 / d;\n}\nint g = 3;\nf(0)")
    res["html"] = run('tech.tablesaw.api.Table.create("t", tech.tablesaw.api.DoubleColumn.create("a", 1.5, 2.5))')
    res["complete"] = kc.complete("Strin", 5, reply=True, timeout=30)["content"]
    res["complete_member"] = kc.complete("Math.ma", 7, reply=True, timeout=30)["content"]
    res["complete_magic"] = kc.complete("%ja", 3, reply=True, timeout=30)["content"]
    res["inspect"] = kc.inspect("Math.max(1, 2)", 6, reply=True, timeout=30)["content"]
    res["is_complete_open"] = shell_reply(kc.is_complete("for (int i = 0; i < 3; i++) {"))
    res["is_complete_done"] = shell_reply(kc.is_complete("int y = 1;"))
    res["is_complete_bad"] = shell_reply(kc.is_complete("int y = );"))
    res["interrupt_step"] = interrupted(
        "int steps = 0;\nwhile (true) {\n    org.vladapter.train.Interrupts.check(\"test step \" + steps);\n"
        "    steps++;\n    Thread.sleep(5);\n}")
    res["interrupt_spin"] = interrupted("long spins = 0;\nwhile (true) { spins++; }")
    res["after_interrupt"] = run("x + steps + (spins > 0 ? 1 : 0)")
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=90)
    res["after_restart_gone"] = run("x")
    res["after_restart"] = run("6 * 7")
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    print("RESULT " + json.dumps(res))


if __name__ == "__main__":
    main(sys.argv[1])
