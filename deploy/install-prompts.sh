#!/usr/bin/env bash
# Installs the notice prompt audio into Asterisk's sounds directory, so dialplan and the gateway can play it as
# recording-gateway/<lang>/<id> (the gateway's playbackPrefix "recording-gateway"). Verifies every file's
# SHA-256 against notice-prompts/manifest.json before and after copying, and copies the manifest beside them.
#
#   deploy/install-prompts.sh [ASTERISK_SOUNDS_DIR]
#   deploy/install-prompts.sh --print-sounds-dir       (prints where it would install, changes nothing)
#
# Without an argument it asks the running Asterisk where its data directory is (`asterisk -rx 'core show
# settings'`, "Data directory") and installs into <data directory>/sounds; when no Asterisk answers, it uses
# Debian's /usr/share/asterisk/sounds (Debian's astdatadir; /var/lib/asterisk/sounds is an ordinary directory
# that Asterisk does not search). ASTERISK_CLI overrides the command used to ask (default: asterisk).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/notice-prompts/sounds"
manifest="$root/notice-prompts/manifest.json"

data_dir_of_running_asterisk() { # prints Asterisk's data directory, or nothing
  local cli="${ASTERISK_CLI:-asterisk}"
  command -v "${cli%% *}" >/dev/null 2>&1 || return 0
  # shellcheck disable=SC2086 # ASTERISK_CLI may carry options, e.g. "asterisk -C /etc/asterisk/asterisk.conf"
  $cli -rx 'core show settings' 2>/dev/null | sed -n 's/^[[:space:]]*Data directory:[[:space:]]*\(\/[^[:space:]]*\)[[:space:]]*$/\1/p' | head -n 1
}

print_only=no
if [[ ${1:-} == --print-sounds-dir ]]; then
  print_only=yes
  shift
fi
if [[ $# -ge 1 ]]; then
  sounds_dir="$1"
else
  data_dir="$(data_dir_of_running_asterisk || true)"
  if [[ -n $data_dir ]]; then
    sounds_dir="$data_dir/sounds"
    echo "Asterisk's data directory is $data_dir (core show settings)." >&2
  else
    sounds_dir=/usr/share/asterisk/sounds
    echo "No running Asterisk answered 'core show settings'; using Debian's $sounds_dir." >&2
  fi
fi
target="$sounds_dir/recording-gateway"
if [[ $print_only == yes ]]; then
  echo "$sounds_dir"
  exit 0
fi

for tool in python3 sha256sum install; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-prompts.sh: $tool is missing; install it (apt-get install python3 coreutils)" >&2; exit 2; }
done
[[ -f $manifest && -d $src ]] || { echo "install-prompts.sh: $manifest or $src is missing; run notice-prompts/build.sh" >&2; exit 2; }
[[ -d $sounds_dir ]] || { echo "install-prompts.sh: $sounds_dir does not exist; pass Asterisk's sounds directory (the "Data directory" of asterisk -rx 'core show settings', plus /sounds)" >&2; exit 2; }

# "sha256  path" for every file the manifest lists; paths must look like nl/notice-quality.wav.
sums="$(python3 - "$manifest" <<'PY'
import json, re, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
for p in doc["prompts"]:
    for f in p["files"].values():
        if not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?/[a-z0-9-]+\.(wav|sln|sln16|ulaw|alaw)", f["path"]) \
                or not re.fullmatch(r"[0-9a-f]{64}", f["sha256"]):
            sys.exit(f"install-prompts.sh: manifest entry {f!r} is malformed; run notice-prompts/build.sh")
        print(f"{f['sha256']}  {f['path']}")
PY
)"
count="$(wc -l <<<"$sums")"

verify() { # dir: checks every listed file there
  (cd "$1" && sha256sum --check --quiet --strict <<<"$sums") || {
    echo "install-prompts.sh: files in $1 do not match notice-prompts/manifest.json (listed above)." >&2
    echo "  Restore notice-prompts/ from git or run notice-prompts/build.sh, then run this script again." >&2
    exit 1
  }
}

verify "$src"
echo "Verified $count files in $src against the manifest."

mkdir -p "$target"
while read -r _ rel; do
  # Copy beside the destination, then rename: Asterisk never opens a half-written file.
  install -D -m 0644 "$src/$rel" "$target/$rel.installing"
  mv -f "$target/$rel.installing" "$target/$rel"
done <<<"$sums"
install -m 0644 "$manifest" "$target/manifest.json.installing" && mv -f "$target/manifest.json.installing" "$target/manifest.json"

verify "$target"
echo "Installed $count files and manifest.json into $target; all SHA-256 sums match the manifest."

stale="$(cd "$target" && find . -type f ! -name manifest.json | sed 's|^\./||' | sort | comm -23 - <(cut -c67- <<<"$sums" | sort))"
if [[ -n $stale ]]; then
  echo "Left in place, not in the manifest (remove them when no dialplan plays them any more):"
  sed 's/^/  /' <<<"$stale"
fi
echo "Gateway settings: prompts manifest $target/manifest.json, sounds $target, playback prefix recording-gateway"
