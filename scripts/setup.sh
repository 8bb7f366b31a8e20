#!/usr/bin/env bash
# Installs what robot-console needs to build, run and test on Debian, skipping what is there:
# Debian packages, the wasm32 target, cargo-leptos, the wasm-bindgen CLI matching Cargo.lock,
# and the npm packages (PatternFly, the CSS purger and font subsetter, wasm-opt, Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# --- Debian packages -------------------------------------------------------------------------
need_apt=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
# SETUP_BUILD_ONLY=1 (the Containerfile's build stage): only what building needs, no browser.
PKGS="chromium skopeo nodejs npm gcc make pkg-config ca-certificates curl"
[ "${SETUP_BUILD_ONLY:-}" = 1 ] && PKGS="nodejs npm gcc make pkg-config ca-certificates curl"
for pkg in $PKGS; do
  case "$pkg" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
    gcc) command -v cc >/dev/null && continue ;;
    make) command -v make >/dev/null && continue ;;
    curl) command -v curl >/dev/null && continue ;;
  esac
  have_pkg "$pkg" || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# --- Rust toolchain pieces -------------------------------------------------------------------
if ! command -v cargo >/dev/null; then
  echo "cargo is missing: install Rust with rustup (https://rustup.rs) and re-run" >&2
  exit 1
fi
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
# The release wasm rebuilds the standard library for size (Makefile: WASM_STD): it needs its source.
if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
  say "adding the rust-src component"
  rustup component add rust-src
fi

CARGO_LEPTOS_VERSION=0.3.10
if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 17 minutes, once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

# cargo-leptos runs the wasm-bindgen CLI from PATH: it must equal the crate in Cargo.lock.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION (about 2 minutes, once)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# --- npm packages (PatternFly, purgecss, subset-font, wasm-opt from binaryen, Playwright) -----
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

say "ready"
