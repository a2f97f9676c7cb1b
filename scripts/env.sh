# Sourced by the scripts: binaryen's wasm-opt from npm comes first on PATH (never
# Debian's binaryen 108: its output breaks hydration).
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
