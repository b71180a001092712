#!/usr/bin/env bash
# Fetches the kernel corpus that tests, benchmarks and `conform --reference` judge uapi-gen by:
# Debian's packages of the kernel's installed uAPI headers and of the kernel source, unpacked
# into a cache outside the repository (nothing of it is committed).
#
#   scripts/corpus.sh            headers (linux-libc-dev 6.1, 6.12, 7.2) and source subsets
#                                (linux-source 6.12, 7.2: uAPI trees, IOMMUFD, its selftest)
#   scripts/corpus.sh trees      also the whole 6.12 and 7.2 sources as a two-commit git
#                                repository (for check-uapi.sh side by side; ~3 GB, ~2 min)
#   scripts/corpus.sh --print    the cache folder
#
# Idempotent: a part already unpacked at the pinned version is not fetched again. Versions are
# pinned below with their SHA-256. Debian removes superseded versions from its pool; when a
# pinned file is gone, the newest version of the same series is taken from the suite's index
# instead, and manifest.json records what was used.
set -euo pipefail

CACHE="${UAPI_GEN_CORPUS:-${XDG_CACHE_HOME:-$HOME/.cache}/uapi-gen/corpus}"
POOL="http://deb.debian.org/debian/pool/main/l/linux"
APT_LISTS="$CACHE/apt"

# name  version  suite  sha256  key
PINNED=(
  "linux-libc-dev 6.1.176-1 bookworm 8bb258735b9dffbb111da778ebdd024750878e435ffd9dfcadcb6762ede6b4cf headers/6.1"
  "linux-libc-dev 6.12.117-1 trixie 8b4848725a2705e5b1612f2135c44300716690ba762368ab87df127e9a5ed416 headers/6.12"
  "linux-libc-dev 7.2.13-1 sid 8b33c2a408bbab537e753102dce181dc211007f64c1e2516065bc677f60d5d99 headers/7.2"
  "linux-source-6.12 6.12.117-1 trixie 9141325315c7f1eca682113d185a8c77c82814aa6e32f7e127e61d6106403835 source/6.12"
  "linux-source-7.2 7.2.13-1 sid 30a8c5fc63f9028a62e6d7b3f7f43bee67425dbce2a05fceba83f9b87c92083d source/7.2"
)

# What the source subsets keep: the uAPI trees, IOMMUFD (the selftest includes its
# iommufd_test.h), the SMMUv3 driver (facts for the simulator), the IOMMUFD selftest with the
# kselftest harness, and check-uapi.sh.
SOURCE_SUBSET=(
  'include/uapi/*' 'arch/*/include/uapi/*' 'drivers/iommu/iommufd/*'
  'drivers/iommu/arm/arm-smmu-v3/*' 'tools/testing/selftests/iommu/*'
  'tools/testing/selftests/kselftest*' 'scripts/check-uapi.sh'
  'scripts/headers_install.sh' 'scripts/unifdef.c'
)
# A source subset unpacked with another list is unpacked again.
SUBSET_KEY=$(printf '%s\n' "${SOURCE_SUBSET[@]}" | sha256sum | cut -c1-12)

pinned() { printf '%s\n' "${PINNED[@]}" | awk -v p="$1" '$1 == p'; }
die() { echo "corpus.sh: $*" >&2; exit 1; }
[ "${1:-}" = "--print" ] && { echo "$CACHE"; exit 0; }
WANT_TREES=0
case "${1:-}" in
  "") ;;
  trees) WANT_TREES=1 ;;
  *) die "unknown argument '$1' (use: corpus.sh [trees|--print])" ;;
esac
for tool in curl dpkg-deb tar xz sha256sum; do
  command -v "$tool" >/dev/null || die "'$tool' is missing: run scripts/install.sh first"
done
mkdir -p "$CACHE/debs"

# Architecture of the package file: linux-libc-dev is per-architecture up to 6.1, "all" after.
deb_arch() { case "$1 $2" in "linux-libc-dev 6.1."*) echo amd64 ;; *) echo all ;; esac; }

# The newest version of PACKAGE in SUITE whose series (major.minor) matches VERSION, from a
# private apt list (the system's apt sources are never touched).
newest_in_series() {
  local pkg=$1 version=$2 suite=$3 series=${2%.*}
  mkdir -p "$APT_LISTS/lists/partial" "$APT_LISTS/cache/archives/partial"
  echo "deb http://deb.debian.org/debian $suite main" >"$APT_LISTS/sources.list"
  local o=(-o "Dir::Etc::sourcelist=$APT_LISTS/sources.list" -o Dir::Etc::sourceparts=/dev/null
    -o "Dir::State::Lists=$APT_LISTS/lists" -o "Dir::Cache=$APT_LISTS/cache")
  timeout 300 apt-get "${o[@]}" update -qq >/dev/null 2>&1 || die "apt-get update of $suite failed"
  apt-cache "${o[@]}" madison "$pkg" | awk -v s="$series." '{ if (index($3, s) == 1) { print $3; exit } }'
}

fetch() { # pkg version suite sha -> path of the verified .deb on stdout; records the version used
  local pkg=$1 version=$2 suite=$3 sha=$4 arch file
  arch=$(deb_arch "$pkg" "$version")
  file="$CACHE/debs/${pkg}_${version}_${arch}.deb"
  if [ ! -s "$file" ]; then
    if ! timeout 600 curl -fsSL --retry 3 -o "$file.part" "$POOL/$(basename "$file")"; then
      rm -f "$file.part"
      local newer
      newer=$(newest_in_series "$pkg" "$version" "$suite")
      [ -n "$newer" ] || die "$pkg $version is gone from Debian and $suite has no ${version%.*} version"
      echo "corpus.sh: $pkg $version is no longer in Debian's pool; using $newer from $suite" >&2
      version=$newer sha=""
      arch=$(deb_arch "$pkg" "$version")
      file="$CACHE/debs/${pkg}_${version}_${arch}.deb"
      timeout 600 curl -fsSL --retry 3 -o "$file.part" "$POOL/$(basename "$file")" ||
        die "download of $(basename "$file") failed"
    fi
    mv "$file.part" "$file"
  fi
  if [ -n "$sha" ]; then
    echo "$sha  $file" | sha256sum -c --quiet - >/dev/null 2>&1 ||
      { rm -f "$file"; die "$(basename "$file") does not match its pinned SHA-256; run again"; }
  fi
  echo "$version $file"
}

unpack_headers() { # deb dest
  # From 6.12 on, <triple>/asm/ holds symlinks into usr/lib/linux/uapi/<arch>/: copy them as
  # files so the folder is a self-contained usr/include.
  local tmp="$2.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  dpkg-deb -x "$1" "$tmp"
  cp -rL "$tmp/usr/include" "$tmp/include"
  rm -rf "$2" && mv "$tmp/include" "$2" && rm -rf "$tmp"
}

unpack_source() { # deb dest series [full]
  local tmp="$2.tmp.$$" tarball="linux-source-$3.tar.xz" top="linux-source-$3"
  rm -rf "$tmp" && mkdir -p "$tmp"
  dpkg-deb --fsys-tarfile "$1" | tar -x -C "$tmp" "./usr/src/$tarball"
  if [ "${4:-}" = full ]; then
    tar -xJf "$tmp/usr/src/$tarball" -C "$tmp"
  else
    tar -xJf "$tmp/usr/src/$tarball" -C "$tmp" --wildcards "${SOURCE_SUBSET[@]/#/$top/}"
  fi
  rm -rf "$2" && mv "$tmp/$top" "$2" && rm -rf "$tmp"
}

manifest=()
pids=()
for entry in "${PINNED[@]}"; do
  read -r pkg version suite sha key <<<"$entry"
  dest="$CACHE/$key"
  stamp="$dest/.uapi-gen-version"
  subset=""
  [ "$pkg" = linux-libc-dev ] || subset="$SUBSET_KEY"
  if [ -f "$stamp" ] && [ "$(cut -d' ' -f1 "$stamp")" = "$pkg" ] &&
    [ "$(cut -d' ' -f4 "$stamp")" = "$subset" ]; then
    manifest+=("$(cut -d' ' -f1-3 "$stamp") $key")
    continue
  fi
  fetched=$(fetch "$pkg" "$version" "$suite" "$sha") || exit 1
  read -r used file <<<"$fetched"
  (
    case "$pkg" in
      linux-libc-dev) unpack_headers "$file" "$dest" ;;
      *) unpack_source "$file" "$dest" "${key#source/}" ;;
    esac
    echo "$pkg $used $suite $subset" >"$stamp"
  ) &
  pids+=($!)
  manifest+=("$pkg $used $suite $key")
done
for p in "${pids[@]}"; do wait "$p" || die "unpacking failed"; done

if [ "$WANT_TREES" = 1 ]; then
  repo="$CACHE/kernel-git"
  if [ ! -f "$repo/.git/uapi-gen-done" ]; then
    rm -rf "$repo" && mkdir -p "$repo"
    git -C "$repo" init -q -b master
    for series in 6.12 7.2; do
      read -r pkg version suite sha key <<<"$(pinned "linux-source-$series")"
      fetched=$(fetch "$pkg" "$version" "$suite" "$sha") || exit 1
      read -r used file <<<"$fetched"
      unpack_source "$file" "$CACHE/full-$series" "$series" full
      find "$repo" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
      (shopt -s dotglob && mv "$CACHE/full-$series"/* "$repo/")
      rmdir "$CACHE/full-$series"
      # -f: Debian's linux-source adds "/*" to .gitignore (its packaging ignores the top level).
      git -C "$repo" add -A -f
      git -C "$repo" -c user.name=corpus -c user.email=corpus@localhost commit -q -m "Linux $used"
      git -C "$repo" tag -f "v$series" >/dev/null
    done
    touch "$repo/.git/uapi-gen-done"
  fi
fi
# Made by an earlier `corpus.sh trees`: still part of the corpus.
[ -f "$CACHE/kernel-git/.git/uapi-gen-done" ] && manifest+=("kernel-git v6.12..v7.2 - kernel-git")

{
  echo "{"
  echo "  \"cache\": \"$CACHE\","
  echo "  \"parts\": ["
  n=${#manifest[@]}
  for i in "${!manifest[@]}"; do
    read -r pkg version suite key <<<"${manifest[$i]}"
    sep=","; [ "$i" -eq $((n - 1)) ] && sep=""
    echo "    { \"package\": \"$pkg\", \"version\": \"$version\", \"suite\": \"$suite\", \"path\": \"$key\" }$sep"
  done
  echo "  ]"
  echo "}"
} >"$CACHE/manifest.json.tmp"
mv "$CACHE/manifest.json.tmp" "$CACHE/manifest.json"
echo "corpus: $CACHE (${#manifest[@]} parts)" >&2
