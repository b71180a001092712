#!/usr/bin/env bash
# Installs everything uapi-gen needs on a fresh Debian 12 machine, as root: the npm packages
# and the Debian toolchain packages (compilers for every ABI of the table, qemu-user, pahole,
# abidiff, pre-commit) and the kernel corpus (scripts/corpus.sh). Idempotent; safe to run again.
#
# Never add gcc-multilib here: in Debian it conflicts with every gcc-*-linux-gnu cross
# compiler and removes them. i386 uses gcc-i686-linux-gnu instead.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  gcc g++ make curl xz-utils
  clang-19
  qemu-user
  dwarves abigail-tools
  # The kernel's scripts/check-uapi.sh (bench/check-uapi.bench.ts): make headers_install needs rsync.
  rsync
  pre-commit
  # zsh: the test of `uapi-gen completion zsh` runs the script in a real zsh.
  zsh
  gcc-i686-linux-gnu libc6-dev-i386-cross
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  gcc-s390x-linux-gnu libc6-dev-s390x-cross
  gcc-m68k-linux-gnu libc6-dev-m68k-cross
  gcc-sh4-linux-gnu gcc-alpha-linux-gnu gcc-hppa-linux-gnu libc6-dev-hppa-cross
  # More round-trip targets for `uapi-gen conform`: big-endian powerpc64 and mips, arm, riscv64.
  gcc-powerpc64-linux-gnu libc6-dev-ppc64-cross
  gcc-mips-linux-gnu libc6-dev-mips-cross
  gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
  gcc-riscv64-linux-gnu libc6-dev-riscv64-cross
  # The kernel's IOMMUFD selftest, run under `uapi-gen sim exec` (tests and docs/sim.md).
  libcap-dev
  # Round trips on the remaining ABIs: sparc64, powerpc, powerpc64le and mips64el (static
  # glibc), alpha (dynamic glibc: qemu-alpha crashes on static binaries), riscv32 and
  # loongarch64 (freestanding, clang-19 with lld: no Debian cross gcc).
  gcc-sparc64-linux-gnu libc6-dev-sparc64-cross
  gcc-powerpc-linux-gnu libc6-dev-powerpc-cross
  gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross
  gcc-mips64el-linux-gnuabi64 libc6-dev-mips64el-cross
  libc6.1-dev-alpha-cross
  lld-19
)

missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

npm ci --no-audit --no-fund

# The kernel corpus (Debian's linux-libc-dev 6.1/6.12/7.2 and linux-source subsets) in a cache
# outside the repository; tests and `conform --reference` judge uapi-gen against it.
bash scripts/corpus.sh
