#!/usr/bin/env bash
# Builds (once) and caches a Debian sid chroot holding the real Asterisk 22 and its English core
# sounds, for the end-to-end tests. Debian stable ships no Asterisk 22; sid does.
# Usage: tools/asterisk-chroot.sh [DIR]   (default: $ASTERISK_CHROOT or /var/cache/recording-gateway/asterisk-sid)
# Prints the chroot directory on its last line. Needs root (debootstrap, chroot).
set -euo pipefail
dir=${1:-${ASTERISK_CHROOT:-/var/cache/recording-gateway/asterisk-sid}}
stamp="$dir/.recording-gateway-ready"
if [ -f "$stamp" ]; then
  echo "$dir"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "asterisk-chroot: building the Asterisk chroot needs root (debootstrap and chroot); run as root or set ASTERISK_CHROOT to a ready chroot" >&2
  exit 1
fi
command -v debootstrap >/dev/null || { apt-get update -q && apt-get install -y -q debootstrap; }
# Use the Debian mirror this machine's apt sources already use.
mirror=$( (grep -hE '^[[:space:]]*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}';
          grep -hE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}') \
        | grep -E '/debian/?$' | head -n1 || true)
mirror=${mirror:-http://deb.debian.org/debian}
rm -rf "$dir.partial"
mkdir -p "$(dirname "$dir")"
echo "asterisk-chroot: debootstrap sid from $mirror into $dir (about a minute)" >&2
debootstrap --variant=minbase --include=asterisk,asterisk-core-sounds-en sid "$dir.partial" "$mirror" >&2
rm -rf "$dir"
mv "$dir.partial" "$dir"
chroot "$dir" asterisk -V >&2
touch "$stamp"
echo "$dir"
