#!/usr/bin/env bash
# Installs what robot-console needs to build, run and test on Debian, skipping what is there:
# Debian packages, the wasm32 target, cargo-leptos, the wasm-bindgen CLI matching Cargo.lock,
# npm packages, and the PatternFly assets the app serves (copied from npm into public/).
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

# --- npm packages (PatternFly, wasm-opt from binaryen, Playwright) ----------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- PatternFly assets served by the app -----------------------------------------------------
PF=node_modules/@patternfly/patternfly
PF_VERSION=$(node -p "require('./$PF/package.json').version")
if [ "$(cat public/patternfly/VERSION 2>/dev/null)" != "$PF_VERSION" ]; then
  say "copying PatternFly $PF_VERSION assets into public/patternfly"
  rm -rf public/patternfly
  mkdir -p public/patternfly/assets/images
  cp "$PF/patternfly.min.css" "$PF/patternfly-addons.css" public/patternfly/
  cp -r "$PF/assets/fonts" "$PF/assets/pficon" public/patternfly/assets/
  for img in PF-Bkg-Generic-Light.svg PF-Bkg-Generic-Dark.svg Felt-Bkg-Generic-Light.svg Felt-Bkg-Generic-Dark.svg; do
    cp "$PF/assets/images/$img" public/patternfly/assets/images/
  done
  echo "$PF_VERSION" > public/patternfly/VERSION
fi
say "ready"
