# robot-console: the two commands are `make run` and `make test`; both install what is missing.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Release builds run wasm-opt from PATH: node_modules/.bin (binaryen 132) comes first.

DATA_DIR ?= data
E2E_TMP := $(CURDIR)/target/e2e

.PHONY: run watch test setup build build-release assets test-cargo test-lint test-e2e test-dist dist bench clean-e2e

## make run: build in release mode and serve the console at http://127.0.0.1:3000 on the
## embedded Quay-compatible backend (demo data in ./data).
run: setup build-release
	LEPTOS_SITE_ROOT=target/site ./target/release/robot-console --data-dir $(DATA_DIR) $(ARGS)

## make watch: the console on the embedded backend with live rebuilds (front-end work).
## (The CSS and fonts are made once at the start: re-run `make assets` after new classes.)
watch: setup assets
	cargo leptos watch --split

## make test: formatting, clippy for both feature sets, every cargo test, and the Playwright
## suite in Debian's Chromium against release builds.
test: setup test-lint test-cargo test-e2e test-dist

setup:
	@bash scripts/setup.sh

## The release wasm is built with the standard library rebuilt for size (-Zbuild-std, opt-level z
## and LTO across std too), panics that abort at once (no message formatting, which the console
## shows nowhere), no panic locations in the data and no `Debug` texts (`{:?}` prints nothing; no
## text the console shows uses it), std with its `optimize_for_size` feature (smaller sort and
## formatting code) (README, "Weight", has the figures). These
## are unstable flags, allowed on the stable toolchain by RUSTC_BOOTSTRAP=1, set for the wasm
## build only (the server is built apart, as usual). `make build-release WASM_STD=prebuilt`
## builds the wasm the plain way (panic messages in the browser console again, for debugging).
WASM_STD ?= rebuilt
ifeq ($(WASM_STD),rebuilt)
WASM_BUILD_ENV := RUSTC_BOOTSTRAP=1 \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"
WASM_BUILD_ARGS := --lib-cargo-args=-Zbuild-std=std,panic_abort --lib-cargo-args=-Zbuild-std-features=optimize_for_size
endif

## wasm-opt as cargo-leptos runs it (-Oz and the two features), plus --converge: passes repeated
## while they still shrink the module (about 1.1 kB gzip -9 of the main module).
WASM_OPT_ENV := LEPTOS_WASM_OPT_FEATURES=-Oz,--converge,--enable-bulk-memory,--enable-nontrapping-float-to-int

## The site: purged PatternFly CSS and subset fonts (scripts/assets/styles.mjs), the wasm split
## into the main bundle and one chunk per dialog (--split: the dialogs' split points need it),
## the glue's import names shortened, the stream classes nothing can create dropped, the chunk
## loader minified, the chunks named by one shared hash, and those files renamed by their new
## content, the lazy CSS checked against the main module (scripts/assets), then the server;
## every file name content-hashed, then precompressed (brotli and gzip).
build-release: assets
	$(WASM_BUILD_ENV) $(WASM_OPT_ENV) cargo leptos build --release --split --frontend-only $(WASM_BUILD_ARGS)
	node scripts/assets/short-imports.mjs
	$(WASM_OPT_ENV) node scripts/assets/dead-exports.mjs
	node scripts/assets/minify-js.mjs
	node scripts/assets/chunk-names.mjs
	node scripts/assets/rehash.mjs
	node scripts/assets/check-lazy-css.mjs
	cargo leptos build --release --split --server-only
	node scripts/assets/precompress.mjs
	cargo build --release -p quay-sandbox --bins

assets:
	node scripts/assets/styles.mjs

test-lint:
	cargo fmt --all -- --check
	cargo clippy --features ssr --all-targets -- -D warnings
	cargo clippy --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p quay-sandbox --all-targets -- -D warnings

test-cargo:
	cargo test -p quay-sandbox
	cargo test --features ssr

test-e2e: build-release clean-e2e
	cd end2end && E2E_TMP=$(E2E_TMP) npx playwright test

## make dist: the release binary and site/ in dist/, exactly what the Containerfile copies.
dist: setup build-release
	bash scripts/dist.sh dist

## The console started from the dist/ layout with only the Deployment's environment, and the
## Kubernetes manifests checked against the binary's own --help (tests/deploy.rs).
test-dist: build-release
	bash scripts/dist.sh target/dist
	ROBOT_CONSOLE_DIST=$(CURDIR)/target/dist cargo test --features ssr --test deploy

clean-e2e:
	rm -rf $(E2E_TMP) && mkdir -p $(E2E_TMP)

bench: setup build-release
	cargo run --release -p quay-sandbox --example bench_seed
	node end2end/bench/first-load.mjs
	node end2end/bench/robots-table.mjs
	node end2end/bench/permissions-table.mjs
	node end2end/bench/access-report.mjs
	cargo run --release --features ssr --example bench_permissions
	cargo run --release --features ssr --example bench_load
	cargo run --release --features ssr --example bench_access
