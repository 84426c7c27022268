#!/usr/bin/env bash
# Executes every notebooks/*.ipynb headless with the project's kernel (VLA_QUICK=1 shrinks the work), then
# 00-kernel-check again under the plain kernel (only %classpath/%jars, as under JJava/IJava), and checks the
# executed copies (tools/notebooks/check_outputs.py). The kernel is installed into a temporary Jupyter folder,
# so nothing of the user's Jupyter setup is touched. Executed notebooks land in target/notebooks/.
# Without Jupyter it says so and skips, unless VLA_REQUIRE_JUPYTER=1 (CI), where that is an error.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
shopt -s nullglob
notebooks=(notebooks/*.ipynb)
if [[ ${#notebooks[@]} -eq 0 ]]; then
  echo "notebooks: none found"; exit 0
fi
if ! command -v jupyter >/dev/null 2>&1 || ! jupyter nbconvert --version >/dev/null 2>&1; then
  msg="notebooks: jupyter nbconvert not found; notebooks NOT executed (Debian: apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client)"
  if [[ "${VLA_REQUIRE_JUPYTER:-0}" == 1 ]]; then echo "$msg" >&2; exit 1; fi
  echo "$msg" >&2; exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export JUPYTER_PATH="$tmp/share/jupyter" JUPYTER_DATA_DIR="$tmp/data" JUPYTER_CONFIG_DIR="$tmp/config"
export JUPYTER_RUNTIME_DIR="$tmp/runtime" IPYTHONDIR="$tmp/ipython" PYDEVD_DISABLE_FILE_VALIDATION=1
export VLA_QUICK=1 OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" DJL_OFFLINE=true
./bin/vladapter kernel install --prefix "$tmp" >/dev/null
./bin/vladapter kernel install --prefix "$tmp" --plain >/dev/null
out=target/notebooks
rm -rf "$out"; mkdir -p "$out/executed" "$out/plain"
run() { # kernel, output dir, notebook
  local start=$SECONDS
  if ! jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name="$1" \
       --ExecutePreprocessor.timeout="${VLA_NOTEBOOK_TIMEOUT:-900}" --output-dir "$2" "$3" >"$2/$(basename "$3").log" 2>&1; then
    cat "$2/$(basename "$3").log" >&2
    echo "notebooks: $3 FAILED under kernel $1 (log above)" >&2
    return 1
  fi
  echo "notebooks: $3 ran under $1 in $((SECONDS - start)) s"
}
status=0
for nb in "${notebooks[@]}"; do run vladapter-java "$out/executed" "$nb" || status=1; done
run vladapter-java-plain "$out/plain" notebooks/00-kernel-check.ipynb || status=1
python3 tools/notebooks/check_outputs.py "$out"/executed/*.ipynb "$out"/plain/*.ipynb || status=1
exit $status
