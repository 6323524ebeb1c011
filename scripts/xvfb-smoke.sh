#!/usr/bin/env bash
# Real-window check of the built jar under Xvfb (Debian: apt-get install xvfb imagemagick x11-utils;
# fonts-noto-cjk for Korean text). Builds nothing: run `mvn -q -DskipTests package` first.
#
# Starts `java -jar target/kr-sbert-workbench.jar` on a virtual screen with a fresh workspace
# folder, waits for the window titled "KR-SBERT Workbench", checks that it stays up and that
# nothing logged an exception, and saves a screenshot of the screen.
#
#   scripts/xvfb-smoke.sh [SCREENSHOT.png]        default: assets/workbench-<SMOKE_SIZE>.png
#   SMOKE_SIZE=WxH     screen size (default 1440x920); the window fills it
#   SMOKE_MODELS="M …" also tick these models (baseline names or model folders, e.g.
#                      "baseline:jaccard ../shared/fixtures/tiny-kr-sbert"), beside baseline:char-ngram
#   SMOKE_MODEL=DIR    one model folder (older form of SMOKE_MODELS)
#   SMOKE_VIEW=TAB     the view tab to show (Scatter, Metrics, Tokens, Explain, Vocabulary,
#                      Quick compare, Train; default Scatter)
#   SMOKE_RUNS="DIR …" training run folders (train --out) to list in the Train tab's Runs view,
#                      picked, so the chart overlays their dev curves (written to train-form.json)
#   SMOKE_WAIT=N       seconds before the shot (default 12)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/kr-sbert-workbench.jar
shot=${1:-assets/workbench-${SMOKE_SIZE:-1440x920}.png}
wait_s=${SMOKE_WAIT:-12}
[ -f "$jar" ] || { echo "error: $jar not found: run mvn -q -DskipTests package first" >&2; exit 2; }
for tool in xvfb-run import xwininfo; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found (apt-get install xvfb imagemagick x11-utils)" >&2; exit 2; }
done

size=${SMOKE_SIZE:-1440x920}
width=${size%x*}
height=${size#*x}
case "$width$height" in *[!0-9]*|"") echo "error: SMOKE_SIZE must be WIDTHxHEIGHT, e.g. 1024x700" >&2; exit 2;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/config"
added=""
selected='"baseline:char-ngram"'
for m in ${SMOKE_MODELS:-} ${SMOKE_MODEL:-}; do
    case "$m" in
        baseline:*) selected="$selected, \"$m\"" ;;
        *) dir=$(cd "$m" && pwd)
           added="${added:+$added, }\"$dir\""
           selected="$selected, \"$dir\"" ;;
    esac
done
cat > "$work/config/workspace.json" <<JSON
{"pairs": [], "addedModels": [$added], "selectedModels": [$selected],
 "openedFile": null, "dirty": false,
 "window": {"x": 0, "y": 0, "width": $width, "height": $height, "maximized": false, "dividers": null,
            "scoreMode": null, "activeView": "${SMOKE_VIEW:-Scatter}"}}
JSON

if [ -n "${SMOKE_RUNS:-}" ]; then
    runs=""
    for r in $SMOKE_RUNS; do
        dir=$(cd "$r" && pwd)
        runs="${runs:+$runs, }\"$dir\""
    done
    cat > "$work/config/train-form.json" <<JSON
{"opened_runs": [$runs], "picked_runs": [$runs]}
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
xvfb-run -a -s "-screen 0 ${width}x${height}x24" "$work/inner.sh" "$jar" "$shot" "$wait_s" "$work"
echo "screenshot: $shot"
