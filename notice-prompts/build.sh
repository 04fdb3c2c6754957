#!/usr/bin/env bash
# Builds the notice prompt audio (sounds/<lang>/<id>.{wav,sln,sln16,ulaw,alaw}) and manifest.json from
# prompts.yaml, rebuilding only prompts whose text, version or studio recording changed or whose audio is
# missing. `build.sh --check` changes nothing and fails when manifest.json does not match the texts or files.
# See README.md for why the output is committed and must be byte-for-byte reproducible.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sounds="$here/sounds"
lib="$here/lib/promptlib.py"

usage() {
  echo "usage: notice-prompts/build.sh [--check]"
  echo "  (no option)  build audio for new or changed prompts in prompts.yaml and rewrite manifest.json"
  echo "  --check      verify manifest.json against prompts.yaml, studio/ and sounds/; exit 1 on any mismatch"
}

mode=build
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  -h|--help) usage; exit 0 ;;
  *) echo "build.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
esac

require() {
  local missing=()
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if ((${#missing[@]})); then
    echo "build.sh: missing ${missing[*]}. Install: apt-get install espeak-ng sox python3 python3-yaml" >&2
    exit 2
  fi
}

if [[ $mode == check ]]; then
  require python3
  exec python3 "$lib" check
fi
require python3 espeak-ng sox

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
umask 022

# Converts one source (espeak-ng output or a studio recording, any format sox reads) into every format.
# -D: no dither, so the same source always gives the same bytes. -L: little-endian on every machine.
convert() {
  local src="$1" lang="$2" id="$3" out="$work/out"
  rm -rf "$out" && mkdir -p "$out" "$sounds/$lang"
  sox -D "$src" -t wav -r 8000 -c 1 -b 16 -e signed-integer -L "$out/$id.wav"
  sox -D "$out/$id.wav" -t raw -r 8000 -c 1 -b 16 -e signed-integer -L "$out/$id.sln"
  sox -D "$src" -t raw -r 16000 -c 1 -b 16 -e signed-integer -L "$out/$id.sln16"
  sox -D "$out/$id.wav" -t ul -r 8000 -c 1 "$out/$id.ulaw"
  sox -D "$out/$id.wav" -t al -r 8000 -c 1 "$out/$id.alaw"
  for ext in wav sln sln16 ulaw alaw; do
    mv -f "$out/$id.$ext" "$sounds/$lang/$id.$ext"
  done
}

plan="$(python3 "$lib" plan "$work")"
built=0 removed=0
while IFS=$'\t' read -r action a b c d e; do
  case "$action" in
    espeak-ng)   # a=lang b=id c=voice d=text file
      espeak-ng -v "$c" -b 1 -f "$d" -w "$work/speech.wav"
      # Trim espeak-ng's leading and trailing silence: callers wait less, and the files stay small.
      sox -D "$work/speech.wav" "$work/trimmed.wav" silence 1 0.01 0.1% reverse silence 1 0.01 0.1% reverse
      convert "$work/trimmed.wav" "$a" "$b"
      echo "built    $a/$b (espeak-ng, voice $c)"; built=$((built + 1)) ;;
    studio)      # e=studio file; read only, never written
      convert "$e" "$a" "$b"
      echo "built    $a/$b (studio recording ${e#"$here/"})"; built=$((built + 1)) ;;
    orphan)      # a=path relative to sounds/ of a file no prompt owns any more (git history keeps it)
      rm -f -- "$sounds/$a"
      echo "removed  $a (no prompt in prompts.yaml)"; removed=$((removed + 1)) ;;
    "") ;;
    *) echo "build.sh: unexpected plan line '$action'" >&2; exit 3 ;;
  esac
done <<<"$plan"
find "$sounds" -mindepth 1 -type d -empty -delete 2>/dev/null || true

python3 "$lib" manifest
echo "notice-prompts: $built built, $removed removed, manifest.json written"
python3 "$lib" check
