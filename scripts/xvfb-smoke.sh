#!/usr/bin/env bash
# Real-window check of the built jar under Xvfb (Debian: apt-get install xvfb imagemagick x11-utils;
# fonts-noto-cjk for Korean text). Builds nothing: run `mvn -q -DskipTests package` first.
#
# Starts `java -jar target/kr-sbert-workbench.jar` on a virtual screen with a fresh workspace
# folder, waits for the window titled "KR-SBERT Workbench", checks that it stays up and that
# nothing logged an exception, and saves a screenshot of the screen.
#
#   scripts/xvfb-smoke.sh [SCREENSHOT.png]        default: assets/workbench.png
#   SMOKE_MODEL=DIR  also tick this model folder (e.g. ../shared/fixtures/tiny-kr-sbert) so
#                    the screenshot shows token chips; SMOKE_WAIT=N seconds before the shot (default 12)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/kr-sbert-workbench.jar
shot=${1:-assets/workbench.png}
wait_s=${SMOKE_WAIT:-12}
[ -f "$jar" ] || { echo "error: $jar not found: run mvn -q -DskipTests package first" >&2; exit 2; }
for tool in xvfb-run import xwininfo; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found (apt-get install xvfb imagemagick x11-utils)" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/config"
if [ -n "${SMOKE_MODEL:-}" ]; then
    model=$(cd "$SMOKE_MODEL" && pwd)
    cat > "$work/config/workspace.json" <<JSON
{"pairs": [], "addedModels": ["$model"], "selectedModels": ["baseline:char-ngram", "$model"],
 "openedFile": null, "dirty": false, "window": null}
JSON
fi

cat > "$work/inner.sh" <<'INNER'
#!/usr/bin/env bash
set -u
jar=$1; shot=$2; wait_s=$3; work=$4
started=$(date +%s.%N)
java -Dkr.sbert.workbench.config="$work/config" -jar "$jar" >"$work/app.log" 2>&1 &
pid=$!
up=""
for _ in $(seq 1 120); do
    if xwininfo -root -tree 2>/dev/null | grep -q '"KR-SBERT Workbench'; then up=yes; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
done
if [ -z "$up" ]; then
    echo "error: the window did not appear" >&2; cat "$work/app.log" >&2; kill "$pid" 2>/dev/null; exit 1
fi
echo "window is up after $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
sleep "$wait_s"
if ! kill -0 "$pid" 2>/dev/null; then
    echo "error: the application exited" >&2; cat "$work/app.log" >&2; exit 1
fi
import -window root "$shot"
kill "$pid"; wait "$pid" 2>/dev/null
if grep -nE 'Exception|^error:' "$work/app.log"; then
    echo "error: the log above shows an exception" >&2; exit 1
fi
echo "no exception logged"
INNER
chmod +x "$work/inner.sh"
mkdir -p "$(dirname "$shot")"
xvfb-run -a -s "-screen 0 1440x920x24" "$work/inner.sh" "$jar" "$shot" "$wait_s" "$work"
echo "screenshot: $shot"
