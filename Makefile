# robot-console: the two commands are `make run` and `make test`; both install what is missing.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Release builds run wasm-opt from PATH: node_modules/.bin (binaryen 132) comes first.

DATA_DIR ?= data
E2E_TMP := $(CURDIR)/target/e2e

.PHONY: run watch test setup build build-release test-cargo test-lint test-e2e test-dist dist bench clean-e2e

## make run: build in release mode and serve the console at http://127.0.0.1:3000 on the
## embedded Quay-compatible backend (demo data in ./data).
run: setup build-release
	LEPTOS_SITE_ROOT=target/site ./target/release/robot-console --data-dir $(DATA_DIR) $(ARGS)

## make watch: the console on the embedded backend with live rebuilds (front-end work).
watch: setup
	cargo leptos watch

## make test: formatting, clippy for both feature sets, every cargo test, and the Playwright
## suite in Debian's Chromium against release builds.
test: setup test-lint test-cargo test-e2e test-dist

setup:
	@bash scripts/setup.sh

build-release:
	cargo leptos build --release
	cargo build --release -p quay-sandbox --bins

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
	node end2end/bench/robots-table.mjs
	node end2end/bench/permissions-table.mjs
	cargo run --release --features ssr --example bench_permissions
