#!/usr/bin/env bash
# build-wasm.sh: builds the wasm engine into www/pkg/ (cargo -> wasm-bindgen -> wasm-opt), minifies
# it and the widget (www/src/ -> www/), then precompresses them for scripts/serve.mjs.
#
# Env knobs: WASM_PROFILE (default wasm-release, see Cargo.toml), WASM_OPT_LEVEL (default -O3,
# which gives a faster and, after opt-level 3, even slightly smaller module than -Oz;
# WASM_OPT_LEVEL=none skips wasm-opt).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
profile="${WASM_PROFILE:-wasm-release}"
opt="${WASM_OPT_LEVEL:--O3}"
wasm_opt="$root/tests/e2e/node_modules/.bin/wasm-opt"
out="$root/www/pkg"

cargo build --lib --profile "$profile" --target wasm32-unknown-unknown --no-default-features --features wasm
raw="$root/target/wasm32-unknown-unknown/$profile/sanctions_screen.wasm"
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" "$raw"
if [[ "$opt" != none ]]; then
  if [[ ! -x "$wasm_opt" ]]; then
    echo "error: $wasm_opt is missing; run scripts/setup.sh (it installs binaryen 132 from npm; never use Debian's binaryen)" >&2
    exit 1
  fi
  before=$(stat -c %s "$out/sanctions_screen_bg.wasm")
  # -ocimfs 0: do not inline every function that has one caller. By default binaryen does, which
  # merges the whole bundle load (index build, column checks, postings) into one function that
  # runs once; kept apart, a CPU profile of the load names its parts, and the module is 5 KB
  # smaller gzipped (the instructions executed stay within 1 %). --converge repeats the passes
  # while they still shrink the module. --low-memory-unused: Rust puts the stack first and the
  # statics from 1 MiB up, so nothing lives below address 1024, and binaryen may fold constant
  # additions into load/store offsets: 0.7 KB gzip smaller, and the bundle load runs 0.7 % fewer
  # instructions in V8's baseline tier. (--gufa and -O4 were measured too: both larger.)
  "$wasm_opt" "$opt" --converge -ocimfs 0 --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/sanctions_screen_bg.wasm" -o "$out/sanctions_screen_bg.wasm"
  echo "wasm-opt $opt: $before -> $(stat -c %s "$out/sanctions_screen_bg.wasm") bytes"
fi
# What the browser downloads is minified (terser, pinned in tests/e2e/package.json): the bindings
# wasm-bindgen generates (4.9 -> 3.0 KB gzip), and the widget and its worker, whose readable
# sources are www/src/ (7.1 -> 4.9 KB gzip), written next to pkg/ where pages load them from.
terser="$root/tests/e2e/node_modules/.bin/terser"
if [[ ! -x "$terser" ]]; then
  echo "error: $terser is missing; run scripts/setup.sh (it installs the pinned npm tools)" >&2
  exit 1
fi
"$terser" "$out/sanctions_screen.js" --module --compress --mangle -o "$out/sanctions_screen.js"
for f in sanctions-screen.js screen-worker.js; do
  "$terser" "$root/www/src/$f" --module --compress --mangle -o "$root/www/$f"
done
node "$root/scripts/precompress.mjs" "$out/sanctions_screen_bg.wasm" "$out/sanctions_screen.js" \
  "$root/www/sanctions-screen.js" "$root/www/screen-worker.js"
