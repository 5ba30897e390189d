#!/usr/bin/env bash
# Runs the shared search test suite against a real, throwaway Elasticsearch 8 server.
#
# Elasticsearch's integration-test distribution is published on Maven Central (the regular
# tarball host, artifacts.elastic.co, is not reachable from CI). It is cached under
# .cache/elasticsearch/, started on 127.0.0.1 with security off and a small heap, and stopped
# again however this script exits. The server major must match the `elasticsearch` client (8.x).
#
#   .ci/elasticsearch.sh                 # download (once), start, run tests/search, stop
#   ES_KEEP_RUNNING=1 .ci/elasticsearch.sh   # leave the server up (prints its URL) for manual work
set -euo pipefail

ES_VERSION="${ES_VERSION:-8.19.3}"
ES_PORT="${ES_PORT:-9251}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${ES_CACHE_DIR:-$REPO_ROOT/.cache/elasticsearch}"
ZIP="$CACHE_DIR/elasticsearch-$ES_VERSION.zip"
HOME_DIR="$CACHE_DIR/elasticsearch-$ES_VERSION"
URL="https://repo1.maven.org/maven2/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
# Pinned here because the registry mirror this machine reaches does not always serve the .sha1
# file next to the zip. Update it together with ES_VERSION.
ES_SHA512="${ES_SHA512:-fdff76ed667a361d2326088e345eff58344499e06bf636e42b6d8e89fbc18d8aaa94dd90ca500933f969c4cf92b9ad20391c0e5bf1fa119a7a3ae3adb49d6d4a}"
PYTEST="${PYTEST:-$REPO_ROOT/.venv/bin/pytest}"

mkdir -p "$CACHE_DIR"
if [ ! -s "$ZIP" ]; then
  echo "elasticsearch: downloading $ES_VERSION from Maven Central"
  curl -fsSL --retry 3 -o "$ZIP.part" "$URL"
  echo "$ES_SHA512  $ZIP.part" | sha512sum -c --quiet -
  mv "$ZIP.part" "$ZIP"
fi
if [ ! -x "$HOME_DIR/bin/elasticsearch" ]; then
  unzip -q -o "$ZIP" -d "$CACHE_DIR"
fi

# The integration-test zip has no analysis-common module (no `stemmer` filter), but the `hunspell`
# token filter is in the server core: give it Debian's en_US dictionary so English words stem.
HUNSPELL_DIR="${HUNSPELL_DIR:-/usr/share/hunspell}"
if [ ! -s "$HUNSPELL_DIR/en_US.dic" ] || [ ! -s "$HUNSPELL_DIR/en_US.aff" ]; then
  echo "elasticsearch: installing Debian hunspell-en-us (English stemming dictionary)"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && apt-get install -y -qq hunspell-en-us >/dev/null
  else
    sudo -n apt-get update -qq && sudo -n apt-get install -y -qq hunspell-en-us >/dev/null
  fi || echo "elasticsearch: could not install hunspell-en-us; the engine falls back to plural matching"
fi

# Elasticsearch refuses to start as root: drop to nobody when CI runs as root. The JVM attach
# mechanism that loads Elasticsearch's entitlement agent always makes its socket in /tmp; where
# /tmp is not writable by nobody, the server gets a private /tmp in its own mount namespace and
# the run directory moves to /var/tmp, which that private /tmp would otherwise hide.
RUN_BASE=/tmp
PRIVATE_TMP=""
if [ "$(id -u)" = "0" ] && ! setpriv --reuid=nobody --regid=nogroup --clear-groups -- test -w /tmp; then
  RUN_BASE=/var/tmp
  PRIVATE_TMP=1
fi

# Every run gets a fresh data directory and config copy; Elasticsearch writes its keystore there.
RUN_DIR="$(mktemp -d "$RUN_BASE/policylab-es.XXXXXX")"
cp -r "$HOME_DIR/config" "$RUN_DIR/config"
if [ -s "$HUNSPELL_DIR/en_US.dic" ] && [ -s "$HUNSPELL_DIR/en_US.aff" ]; then
  mkdir -p "$RUN_DIR/config/hunspell/en_US"
  # Lucene's hunspell stemmer strips prefixes: with the stock dictionary "reforms" stems to "form"
  # (re + forms, as the dictionary has no "reforms") and "unsafe" to "safe". Search wants neither,
  # so each prefixed form becomes a word of its own with the suffixes its root takes
  # (form/CAIFDGS -> form/DGS, reform/DGS, inform/DGS, ...) and the prefix rules go.
  python3 - "$HUNSPELL_DIR" "$RUN_DIR/config/hunspell/en_US" <<'PY'
import sys
from pathlib import Path

source, target = Path(sys.argv[1]), Path(sys.argv[2])
prefixes, affix_lines = {}, []
for line in (source / "en_US.aff").read_text(encoding="utf-8").splitlines():
    fields = line.split()
    if fields[:1] == ["PFX"]:
        if len(fields) >= 5 and fields[2] == "0" and fields[4] == ".":
            prefixes.setdefault(fields[1], []).append(fields[3].split("/")[0])
        continue
    affix_lines.append(line)
words = []
for entry in (source / "en_US.dic").read_text(encoding="utf-8").splitlines()[1:]:
    word, _, flags = entry.partition("/")
    suffix_flags = "".join(flag for flag in flags if flag not in prefixes)
    for stem in [word] + [p + word for flag in flags if flag in prefixes for p in prefixes[flag]]:
        words.append(f"{stem}/{suffix_flags}" if suffix_flags else stem)
(target / "en_US.aff").write_text("\n".join(affix_lines) + "\n", encoding="utf-8")
(target / "en_US.dic").write_text(f"{len(words)}\n" + "\n".join(words) + "\n", encoding="utf-8")
PY
  # Titles are capitalised and names are in the dictionary as "Pakistan/M": match either case.
  echo "ignore_case: true" >"$RUN_DIR/config/hunspell/en_US/settings.yml"
fi
mkdir -p "$RUN_DIR/data" "$RUN_DIR/logs" "$RUN_DIR/tmp"
cat >> "$RUN_DIR/config/elasticsearch.yml" <<YML
cluster.name: policylab-ci
node.name: policylab-ci-1
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $((ES_PORT + 100))
discovery.type: single-node
path.data: $RUN_DIR/data
path.logs: $RUN_DIR/logs
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
YML

RUN_AS=()
if [ "$(id -u)" = "0" ]; then
  chmod -R a+rX "$CACHE_DIR"
  chown -R nobody "$RUN_DIR"
  chmod a+x "$(dirname "$RUN_DIR")" || true
  RUN_AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
  if [ -n "$PRIVATE_TMP" ]; then
    mkdir -m 1777 "$RUN_DIR/systmp"
    # shellcheck disable=SC2016 # expanded by the inner shell
    RUN_AS=(unshare --mount --propagation private -- sh -c 'mount --bind "$0" /tmp && exec "$@"'
      "$RUN_DIR/systmp" "${RUN_AS[@]}")
  fi
fi

# The integration-test zip bundles no JDK: use the system one.
if [ -z "${ES_JAVA_HOME:-}" ]; then
  ES_JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
fi
export ES_JAVA_HOME

# Stop the server and remove its run directory however this script ends, a failed start included.
stop_server() {
  if [ -n "${ES_KEEP_RUNNING:-}" ]; then
    return
  fi
  if [ -s "$RUN_DIR/es.pid" ]; then
    local pid
    pid="$(cat "$RUN_DIR/es.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  rm -rf "$RUN_DIR"
}
trap stop_server EXIT

echo "elasticsearch: starting $ES_VERSION on 127.0.0.1:$ES_PORT (logs in $RUN_DIR/logs)"
# The launcher JVM writes a scratch directory under java.io.tmpdir: keep it in RUN_DIR, which the
# server's user owns (a shared /tmp need not be writable by nobody).
ES_JAVA_OPTS="-Xms512m -Xmx512m" CLI_JAVA_OPTS="-Djava.io.tmpdir=$RUN_DIR/tmp" ES_PATH_CONF="$RUN_DIR/config" ES_TMPDIR="$RUN_DIR/tmp" \
  "${RUN_AS[@]}" "$HOME_DIR/bin/elasticsearch" -d -p "$RUN_DIR/es.pid" >"$RUN_DIR/stdout.log" 2>&1 || {
  cat "$RUN_DIR/stdout.log"; exit 1; }

ES_URL="http://127.0.0.1:$ES_PORT"
for _ in $(seq 1 120); do
  if curl -fs "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
    break
  fi
  sleep 1
done
curl -fs "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=5s" || {
  echo "elasticsearch: did not become healthy"; tail -50 "$RUN_DIR/logs/"*.log || true; exit 1; }
echo

if [ -n "${ES_KEEP_RUNNING:-}" ]; then
  echo "elasticsearch: running at $ES_URL (pid $(cat "$RUN_DIR/es.pid"), data $RUN_DIR)"
  exit 0
fi

cd "$REPO_ROOT"
ELASTICSEARCH_URL="$ES_URL" ELASTICSEARCH_INDEX_PREFIX="policylab-ci-$$" "$PYTEST" tests/search -q -p no:cacheprovider "$@"
