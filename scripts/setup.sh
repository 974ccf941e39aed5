#!/usr/bin/env bash
# setup.sh: installs what building and testing sanctions-screen needs, on a fresh Debian bookworm
# x86_64 machine that reaches only crates.io, npm, Debian apt and the rustup dist server.
# Every step checks first and skips, so a second run takes about a second.
#
#   1. rustup target wasm32-unknown-unknown
#   2. wasm-bindgen-cli, the exact version the crate pins (cargo install; ~3 min on 2 cores)
#   3. Debian chromium + chromium-driver (apt; browser tests), unless WITH_BROWSER=0
#   4. tests/e2e/node_modules: playwright-core (driver only, downloads no browser) and
#      binaryen 132 (wasm-opt), Zopfli and terser (minifies the generated bindings), pinned by
#      package-lock.json
#
# It never downloads prebuilt binaries from GitHub (unreachable here): no wasm-pack npm package,
# no `npx playwright install`, no cargo-binstall. Never install Debian's `binaryen` (v108): its
# wasm-opt breaks wasm-bindgen output at load time.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NPM_DIR="$root/tests/e2e"
WITH_BROWSER="${WITH_BROWSER:-1}"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$CARGO_HOME/bin:$PATH"

step() {
  local name="$1"; shift
  local t0=$SECONDS
  printf '== %s\n' "$name"
  "$@"
  printf '   (%ss)\n' $((SECONDS - t0))
}

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: $1 is not installed; $2" >&2; exit 1; }
}
need cargo "install Rust with rustup (https://rustup.rs), then re-run scripts/setup.sh"
need rustup "install Rust with rustup (https://rustup.rs), then re-run scripts/setup.sh"
need node "install Node.js 20 or newer (apt-get install nodejs npm), then re-run scripts/setup.sh"
need npm "install npm (apt-get install npm), then re-run scripts/setup.sh"

# wasm-bindgen-cli must be the version of the wasm-bindgen crate in Cargo.lock, or it refuses the
# module ("schema version" error).
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$root/Cargo.lock")"
if [[ -z "$WASM_BINDGEN_VERSION" ]]; then
  echo "error: Cargo.lock names no wasm-bindgen; run \`cargo generate-lockfile\` in $root" >&2
  exit 1
fi

install_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "   wasm32-unknown-unknown already installed"
  else
    rustup target add wasm32-unknown-unknown
  fi
}

has_version() { command -v "$1" >/dev/null 2>&1 && [[ "$("$1" --version 2>/dev/null | awk '{print $2}')" == "$2" ]]; }
install_bindgen() {
  if has_version wasm-bindgen "$WASM_BINDGEN_VERSION" && has_version wasm-bindgen-test-runner "$WASM_BINDGEN_VERSION"; then
    echo "   wasm-bindgen $WASM_BINDGEN_VERSION already installed"
  else
    # Not --locked: the CLI's own lockfile names crate versions this registry may not have.
    cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
  fi
}

install_browser() {
  if dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q 'ok installed' &&
     dpkg-query -W -f='${Status}' chromium-driver 2>/dev/null | grep -q 'ok installed'; then
    echo "   chromium + chromium-driver already installed"
  else
    local sudo=""
    if [[ $(id -u) -ne 0 ]]; then
      command -v sudo >/dev/null || { echo "error: installing chromium needs root; run: apt-get install chromium chromium-driver" >&2; exit 1; }
      sudo="sudo"
    fi
    $sudo apt-get update -qq
    # chromium and chromium-driver come from one source package, so their versions match.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver
  fi
}

install_npm() {
  cd "$NPM_DIR"
  # Skip when node_modules matches the exact pins of package.json.
  if node -e '
      const p = require("./package.json");
      for (const [n, v] of Object.entries({ ...p.dependencies, ...p.devDependencies })) {
        let got; try { got = require(`./node_modules/${n}/package.json`).version; } catch { process.exit(1); }
        if (got !== v) process.exit(1);
      }' 2>/dev/null; then
    echo "   node_modules up to date"
  else
    npm ci --no-audit --no-fund
  fi
}

step "rustup target wasm32-unknown-unknown" install_target
step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (from source the first time, ~3 min)" install_bindgen
if [[ "$WITH_BROWSER" == 1 ]]; then step "apt: chromium chromium-driver (first time ~30 s, 440 MB)" install_browser; fi
step "npm ci in tests/e2e (playwright-core 1.65.1, binaryen 132.0.0, @gfx/zopfli 1.0.15, terser 5.51.2)" install_npm

echo "== versions: $(rustc --version | awk '{print $1, $2}'), $(wasm-bindgen --version), node $(node --version)," \
  "$("$NPM_DIR/node_modules/.bin/wasm-opt" --version | awk '{print $1, $3}')$([[ "$WITH_BROWSER" == 1 ]] && echo ", $(chromedriver --version | awk '{print $1, $2}')")"
