# Sourced by scripts/serve and scripts/test: installs what is missing, skips what is there, fails loudly.
# Nothing here downloads a binary outside the package registries (crates.io, npm, Debian).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

TRUNK_VERSION="0.21.14"
WASM_SPLIT_VERSION="0.2.4"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31merror: %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run: $* (install it yourself or run as root)"; fi
}

apt_install() {
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || die "apt-get install $* failed"
}

setup_build_tools() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)"
  command -v rustup >/dev/null || die "rustup not found: it manages the wasm32 target"
  command -v python3 >/dev/null || apt_install python3

  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi

  # trunk 0.22 needs a newer rustc than these machines have; 0.21.14 is measured to work (TOOLCHAIN.md).
  if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
    say "cargo install trunk@$TRUNK_VERSION (about 7 minutes, once)"
    cargo install --locked "trunk@$TRUNK_VERSION" || die "could not install trunk"
  fi

  # wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock. --locked fails for it on this registry.
  local wbg
  wbg="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
  [ -n "$wbg" ] || die "cannot find the wasm-bindgen version in Cargo.lock"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbg\$" || ! command -v wasm-bindgen-test-runner >/dev/null; then
    say "cargo install wasm-bindgen-cli $wbg (about 2 minutes, once)"
    cargo install wasm-bindgen-cli --version "$wbg" || die "could not install wasm-bindgen-cli $wbg"
  fi

  # The splitter that cuts the hydrating wasm into chunks after the build (src/chunks.rs, `split` in Trunk.toml).
  # 0.2.4 links the chunks of the wasm_split_helpers 0.2.3 that Leptos 0.8 pins (same magic constants).
  # It has no --version: ask cargo what it installed.
  if ! command -v wasm-split-cli >/dev/null \
    || ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    say "cargo install wasm_split_cli_support $WASM_SPLIT_VERSION (about 3 minutes, once)"
    cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary \
      || die "could not install wasm-split-cli $WASM_SPLIT_VERSION"
  fi

  # wasm-opt comes from npm's binaryen (Debian's binaryen 108 breaks current wasm-bindgen output).
  if ! command -v npm >/dev/null; then apt_install nodejs npm; fi
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm ci"
    npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
  fi
  wasm-opt --version | grep -q "version 132" || die "wasm-opt 132 expected from node_modules/.bin (npm binaryen)"
}

setup_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
  fi
  # A Devanagari font, so Hindi renders (not as boxes) in the tests' screenshots and printed PDFs, as it does on
  # readers' phones; page counts of the printed Hindi sheet depend on it.
  if ! fc-list :lang=hi 2>/dev/null | grep -q .; then
    apt_install fonts-noto-core
  fi
  export CHROME_PATH="${CHROME_PATH:-$(command -v chromium)}"
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
}

build_release() {
  say "trunk build --release"
  trunk build --release
}
