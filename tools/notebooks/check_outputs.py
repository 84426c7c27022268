#!/usr/bin/env python3
"""Checks executed notebooks (standard library only).

For every notebook: no cell has an error output; the first code cell adds the library with %jars or
%classpath, and no other magic is used (so the notebook also runs under JJava/IJava). For cells tagged
expect-png / expect-html / expect-progress: an image/png output, a text/html output, or a progress display
(display_data with text/html) whose final text reached 100%. Teaching notebooks (01-..09-) must tag at
least one such cell.

usage: check_outputs.py EXECUTED.ipynb...   (exit status 1 on any problem, each one printed)
"""
import json
import re
import sys

MAGIC = re.compile(r"^\s*%(\w[\w-]*)")
ALLOWED = {"jars", "classpath"}


def text(value):
    return "".join(value) if isinstance(value, list) else str(value)


def check(path):
    problems = []
    nb = json.load(open(path, encoding="utf-8"))
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    if not code_cells:
        return [f"{path}: no code cells"]
    first = text(code_cells[0]["source"])
    if not any(MAGIC.match(l) and MAGIC.match(l).group(1) in ALLOWED for l in first.splitlines()):
        problems.append(f"{path}: the first code cell must add the library jar with %jars or %classpath")
    for n, cell in enumerate(code_cells, 1):
        where = f"{path}: code cell {n}"
        for line in text(cell["source"]).splitlines():
            m = MAGIC.match(line)
            if m and m.group(1) not in ALLOWED:
                problems.append(f"{where}: magic %{m.group(1)} is not available under JJava/IJava")
        outputs = cell.get("outputs", [])
        for o in outputs:
            if o.get("output_type") == "error":
                problems.append(f"{where}: error {o.get('ename')}: {o.get('evalue')}")
        data = [o.get("data", {}) for o in outputs if o.get("output_type") in ("execute_result", "display_data")]
        tags = cell.get("metadata", {}).get("tags", [])
        if "expect-png" in tags and not any("image/png" in d for d in data):
            problems.append(f"{where}: tagged expect-png but has no image/png output")
        if "expect-html" in tags and not any("text/html" in d for d in data):
            problems.append(f"{where}: tagged expect-html but has no text/html output")
        if "expect-progress" in tags:
            bars = [d for d in data if "text/html" in d and "<progress" in text(d["text/html"])]
            if not bars:
                problems.append(f"{where}: tagged expect-progress but shows no progress display")
            elif "100%" not in text(bars[-1].get("text/plain", "")):
                problems.append(f"{where}: the progress display did not reach 100% (updates in place missing?): "
                                + text(bars[-1].get("text/plain", "")))
    tagged = {t for c in code_cells for t in c.get("metadata", {}).get("tags", [])}
    if re.match(r"^0[1-9]-", path.rsplit("/", 1)[-1]):
        # teaching notebooks show charts and tables; losing every tag would silently stop checking them
        if not tagged & {"expect-png", "expect-html"}:
            problems.append(f"{path}: a teaching notebook needs cells tagged expect-png / expect-html where its"
                            " charts and tables are")
    return problems


def main(paths):
    problems = [p for path in paths for p in check(path)]
    for p in problems:
        print("notebook check: " + p, file=sys.stderr)
    print(f"notebook check: {len(paths)} notebook(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
