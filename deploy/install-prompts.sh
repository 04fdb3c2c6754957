#!/usr/bin/env bash
# Installs the notice prompt audio into Asterisk's sounds directory, so dialplan and the gateway can play it as
# recording-gateway/<lang>/<id> (the gateway's playbackPrefix "recording-gateway"). Verifies every file's
# SHA-256 against notice-prompts/manifest.json before and after copying, and copies the manifest beside them.
#
#   deploy/install-prompts.sh [ASTERISK_SOUNDS_DIR]     (default /var/lib/asterisk/sounds)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/notice-prompts/sounds"
manifest="$root/notice-prompts/manifest.json"
sounds_dir="${1:-/var/lib/asterisk/sounds}"
target="$sounds_dir/recording-gateway"

for tool in python3 sha256sum install; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-prompts.sh: $tool is missing; install it (apt-get install python3 coreutils)" >&2; exit 2; }
done
[[ -f $manifest && -d $src ]] || { echo "install-prompts.sh: $manifest or $src is missing; run notice-prompts/build.sh" >&2; exit 2; }
[[ -d $sounds_dir ]] || { echo "install-prompts.sh: $sounds_dir does not exist; pass Asterisk's sounds directory (astdatadir/sounds in asterisk.conf)" >&2; exit 2; }

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
