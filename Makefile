# sanctions-screen: build, test and demo. Every step prints its wall time (scripts/timed.sh).
#
#   make test       every test layer, with its own setup (what .ci/run calls)
#   make demo       build the bundle and the wasm, serve www/ on http://127.0.0.1:$(PORT)
#   make bench      native benchmarks (cargo bench)
#   make bench-web  browser benchmark: sizes, init time, per-query p50/p99 (JSON)
#
# LISTS points at the official list files (read-only), AS_OF gives their dates where the files
# carry none, PORT is the demo server's port.

LISTS ?= ../shared/lists
# Publication dates of lists whose files carry none (see $(LISTS)/README.md); space-separated LIST=DATE.
AS_OF ?= OFAC-SDN=2026-08-20
PORT ?= 8080
export CARGO_BUILD_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
export PATH := $(HOME)/.cargo/bin:$(PATH)

WASM_TARGET := --target wasm32-unknown-unknown --no-default-features --features wasm
BUNDLE := www/watchlist.bin
T := scripts/timed.sh
# wasm-bindgen-test-runner timeouts, raised for a loaded 2-core machine.
export WASM_BINDGEN_TEST_TIMEOUT ?= 120
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT ?= 30

.PHONY: all setup fmt-check clippy test-native test-core test-wasm-node test-wasm-browser \
        bundle wasm e2e test demo serve bench bench-web clean

all: bundle wasm

setup:
	@$(T) setup scripts/setup.sh

fmt-check:
	@$(T) "cargo fmt --check" cargo fmt --all -- --check

clippy:
	@$(T) "clippy (native)" cargo clippy --all-targets -- -D warnings
	@$(T) "clippy (wasm)" cargo clippy --lib --test web $(WASM_TARGET) -- -D warnings

test-native:
	@$(T) "cargo test (native, optimized: real lists + 2000-query oracle)" cargo test --profile ci

test-core:
	@$(T) "cargo test (core alone)" cargo test --no-default-features

test-wasm-node:
	@$(T) "wasm tests (Node)" cargo test $(WASM_TARGET) --test web

test-wasm-browser:
	@$(T) "wasm tests (Chromium)" env WASM_BINDGEN_USE_BROWSER=1 cargo test $(WASM_TARGET) --test web

bundle:
	@test -d "$(LISTS)" || { echo "error: list folder $(LISTS) not found; pass LISTS=/path/to/lists" >&2; exit 1; }
	@$(T) "build bundle" cargo run --release --quiet -- build --lists "$(LISTS)" --out $(BUNDLE) --force --profile screening \
	  $(foreach d,$(AS_OF),--as-of $(d))
	@node scripts/precompress.mjs $(BUNDLE)

wasm:
	@$(T) "build wasm" scripts/build-wasm.sh

e2e: bundle wasm
	@$(T) "browser e2e" node tests/e2e/e2e.mjs

test:
	@rm -f target/timings.txt; mkdir -p target
	@TIMINGS_FILE=$(CURDIR)/target/timings.txt $(MAKE) --no-print-directory setup fmt-check clippy test-native test-core \
	  test-wasm-node test-wasm-browser e2e TIMINGS_FILE=$(CURDIR)/target/timings.txt
	@printf '\nAll test layers passed. Step times:\n'; cat target/timings.txt

demo: setup bundle wasm serve

serve:
	@PORT=$(PORT) node scripts/serve.mjs www

bench:
	@$(T) "native bench" cargo bench

bench-web: setup bundle wasm
	@$(T) "browser bench" node tests/e2e/bench.mjs

clean:
	rm -rf www/pkg www/sanctions-screen.js* www/screen-worker.js* $(BUNDLE) $(BUNDLE).gz $(BUNDLE).br target/demo.png target/timings.txt
