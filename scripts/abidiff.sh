#!/usr/bin/env bash
# Installs the abidiff that the kernel's scripts/check-uapi.sh needs (libabigail >= 2.4; Debian
# 12 ships 2.2) into a cache outside the repository, for the check-uapi.sh side-by-side run and
# benchmark (docs/compat-history.md, bench/check-uapi.bench.ts). Nothing else uses it.
#
#   scripts/abidiff.sh           install (idempotent) and print the path of the abidiff wrapper
#
# How: Debian 13's abigail-tools 2.6 and the libraries it links (its glibc included) are
# fetched from Debian's pool, pinned by SHA-256, and unpacked into a private root; the wrapper
# runs abidiff through that root's own dynamic loader, so the system's libraries and apt
# sources are never touched. check-uapi.sh takes it through its ABIDIFF variable.
set -euo pipefail

CACHE="${UAPI_GEN_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/uapi-gen/tools}"
DEST="$CACHE/abigail-2.6"
POOL="http://deb.debian.org/debian/pool/main"
SUITE=trixie

# pool path  sha256 (Debian 13 "trixie", amd64)
PINNED=(
  "liba/libabigail/abigail-tools_2.6-2_amd64.deb fd19090d908327ea475967da89d8ceb2cefcc78e8308e91d11eaea25822ba4a1"
  "liba/libabigail/libabigail5_2.6-2_amd64.deb e14a09dbbcc0d97de426dc5363675ef8bc61226438f473490ddab75a28fbe2f1"
  "g/glibc/libc6_2.41-12+deb13u5_amd64.deb b59b0625cd1a791375d40dab23a4d5d3d0641e3d0a773501becdc3725b7f99cf"
  "g/gcc-14/libstdc++6_14.2.0-19_amd64.deb ab1fa05837aa7a92aae748fd07a18a35f7d18bb4a71c4724fe2bbf0e32089de0"
  "g/gcc-14/libgcc-s1_14.2.0-19_amd64.deb 3c71917b490d1a17aed43196a2787a256ecf060526cdb20216a74bedc061b150"
  "libb/libbpf/libbpf1_1.5.0-3_amd64.deb 04c96ead3024888d80d08c8d08cc8cf4589f4614627acc69519f87ffb5adc1c2"
  "b/binutils/libctf0_2.44-3_amd64.deb 120cafcd93132a276fa92a8fb4cf39b23d14e5a3e348f4f5580638d71ca95ac5"
  "b/binutils/libbinutils_2.44-3_amd64.deb 4f4664c8a8f0ad0c8631c39fab02e3d8d86ccc6f4436a1d59f059dbcb0492679"
  "b/binutils/libsframe1_2.44-3_amd64.deb 38f625dfdc582717029ac3a3e97c51d994ec2e7a0e9b230c6b44e40d1276311f"
  "e/elfutils/libdw1t64_0.192-4_amd64.deb 6b41d3895b40eff429dd8013f0c13b6e26371a26491f414dbf66ba86c4c2c3f1"
  "e/elfutils/libelf1t64_0.192-4_amd64.deb 94497b7e17b6f574a0605b380d454e20d3f01a9c63b70c2a2263f679d30053e1"
  "libx/libxml2/libxml2_2.12.7+dfsg+really2.9.14-2.1+deb13u3_amd64.deb e0c6b63ce4602a036a526f60fe5e6c1586710688058d98fc1001b9b3147b7efd"
  "z/zlib/zlib1g_1.3.dfsg+really1.3.1-1+deb13u1_amd64.deb 8c27c342230503b73dfde629642c3b352e87b554e06d60cf58772f236a305ceb"
  "x/xz-utils/liblzma5_5.8.1-1+deb13u2_amd64.deb b38acab30f295bf1066a6632e31cbd0a1980f2924b38040cda131d5dea5384ec"
  "libz/libzstd/libzstd1_1.5.7+dfsg-1_amd64.deb 2f6a2aeacfc925eba8b00ac9139bc4bfccf8cacb09eb93de067074b26948eef9"
  "b/bzip2/libbz2-1.0_1.0.8-6_amd64.deb cba4cda04244b5e481bb15524bc3c983a7d1b6f330013b9b381706a2fcb65310"
)

die() { echo "abidiff.sh: $*" >&2; exit 1; }
[ "$(dpkg --print-architecture 2>/dev/null)" = amd64 ] || die "only amd64 hosts are supported"
if [ -x "$DEST/bin/abidiff" ] && "$DEST/bin/abidiff" --version >/dev/null 2>&1; then
  echo "$DEST/bin/abidiff"
  exit 0
fi
for tool in curl dpkg-deb sha256sum apt-get; do
  command -v "$tool" >/dev/null || die "'$tool' is missing"
done

# The pool path of PACKAGE in $SUITE now, from a private apt list (used when a pinned file has
# been superseded and removed from the pool; the system's apt sources are never touched).
current_in_suite() {
  local lists="$CACHE/apt-$SUITE"
  mkdir -p "$lists/lists/partial" "$lists/cache/archives/partial"
  echo "deb http://deb.debian.org/debian $SUITE main" >"$lists/sources.list"
  local o=(-o "Dir::Etc::sourcelist=$lists/sources.list" -o Dir::Etc::sourceparts=/dev/null
    -o "Dir::State::Lists=$lists/lists" -o "Dir::Cache=$lists/cache")
  [ -f "$lists/.updated" ] || { timeout 300 apt-get "${o[@]}" update -qq >/dev/null 2>&1 &&
    touch "$lists/.updated"; } || die "apt-get update of $SUITE failed"
  apt-cache "${o[@]}" show "$1" 2>/dev/null | awk '/^Filename:/ { sub("^pool/main/", "", $2); print $2; exit }'
}

tmp="$DEST.tmp.$$"
rm -rf "$tmp" && mkdir -p "$tmp/debs" "$tmp/root"
trap 'rm -rf "$tmp"' EXIT
for entry in "${PINNED[@]}"; do
  read -r path sha <<<"$entry"
  file="$tmp/debs/$(basename "$path")"
  if ! timeout 300 curl -fsSL --retry 3 -o "$file" "$POOL/$path"; then
    pkg=$(basename "$path" | cut -d_ -f1)
    newer=$(current_in_suite "$pkg")
    [ -n "$newer" ] || die "$pkg is gone from Debian $SUITE"
    echo "abidiff.sh: $(basename "$path") is no longer in Debian's pool; using $(basename "$newer")" >&2
    file="$tmp/debs/$(basename "$newer")" sha=""
    timeout 300 curl -fsSL --retry 3 -o "$file" "$POOL/$newer" || die "download of $newer failed"
  fi
  if [ -n "$sha" ]; then
    echo "$sha  $file" | sha256sum -c --quiet - >/dev/null 2>&1 ||
      die "$(basename "$file") does not match its pinned SHA-256"
  fi
  dpkg-deb -x "$file" "$tmp/root"
done
rm -rf "$tmp/debs"
mkdir -p "$tmp/bin"
cat >"$tmp/bin/abidiff" <<'EOF'
#!/bin/sh
# abidiff 2.6 (Debian 13) run through its own root's loader and libraries.
root="$(cd "$(dirname "$0")/../root" && pwd)"
lib="$root/usr/lib/x86_64-linux-gnu"
exec "$lib/ld-linux-x86-64.so.2" --library-path "$lib" "$root/usr/bin/abidiff" "$@"
EOF
chmod +x "$tmp/bin/abidiff"
"$tmp/bin/abidiff" --version >/dev/null || die "the unpacked abidiff does not run"
rm -rf "$DEST" && mv "$tmp" "$DEST"
trap - EXIT
echo "$DEST/bin/abidiff"
