#!/usr/bin/env bash
# The device check (docs/device-check.md): on a GPU machine with no Node, no npm and no network, runs the
# workbook's native WebGPU path (dawn.node on Vulkan), a CPU comparison, the energy probe and the agent,
# from what scripts/device-pack.sh put in .devcheck/ and .gl/. Every step fails soft and the whole
# check keeps to a time budget. Log: $OUT/devcheck.log; records: $OUT/records.tar.gz; one line per
# step: $OUT/summary.tsv. Without an NVIDIA GPU (a dry run) it uses SwiftShader, at smaller sizes.
# usage: OUT=/some/dir bash scripts/device-check.sh
set -u
cd "$(dirname "$0")/.."
SRC=$PWD
OUT=${OUT:-/tmp/devout}
mkdir -p "$OUT"
: > "$OUT/devcheck.log"
exec > >(tee -a "$OUT/devcheck.log") 2>&1
TEE=$!
T0=$(date +%s)
BUDGET_S=${DEVCHECK_BUDGET_S:-300} # steps start only inside this; the slowest step adds at most its own timeout
W=/tmp/devcheck
elapsed() { echo $(($(date +%s) - T0)); }
say() { printf '\n=== %s (%s s)\n' "$*" "$(elapsed)"; }
fail() { echo "device-check: $*"; exit 1; }

say "device check on $(hostname), $(uname -srm), $(nproc) cores"
[ -f .devcheck/node.xz ] && [ -f .devcheck/node_modules.tar.xz ] || fail "no .devcheck/node.xz or node_modules.tar.xz: run bash scripts/device-pack.sh first and carry .devcheck"
command -v python3 > /dev/null || fail "no python3 to unpack .devcheck"

say "unpacking Node, node_modules and the repo's runtime to $W"
rm -rf "$W" && mkdir -p "$W/repo" "$W/records" "$W/specs"
# A copy, so a checkout's own node_modules (a developer's dry run) is neither used nor touched.
tar -cf - runtime lessons/specs scripts exercises test/bench package.json | tar -xf - -C "$W/repo" || fail "could not copy the repo"
python3 - "$SRC/.devcheck" "$W" << 'EOF' || fail "could not unpack .devcheck"
import lzma, os, sys, tarfile
src, w = sys.argv[1], sys.argv[2]
with lzma.open(f'{src}/node.xz') as f, open(f'{w}/node', 'wb') as o:
    o.write(f.read())
os.chmod(f'{w}/node', 0o755)
with tarfile.open(f'{src}/node_modules.tar.xz', 'r:xz') as t:
    kw = {'filter': 'tar'} if hasattr(tarfile, 'tar_filter') else {}
    t.extractall(f'{w}/repo', **kw)
EOF
NODE=$W/node
echo "node $("$NODE" --version) ($(du -h "$NODE" | cut -f1)), node_modules $(du -sh "$W/repo/node_modules" | cut -f1)"

say "GPU and Vulkan"
GPU=0
if command -v nvidia-smi > /dev/null && nvidia-smi -L; then GPU=1; else echo "no NVIDIA GPU (nvidia-smi missing or lists none): a dry run on SwiftShader"; fi
if [ $GPU = 1 ]; then
  nvidia-smi --query-gpu=name,driver_version,memory.total,power.draw,power.limit,clocks.sm,clocks.mem --format=csv || true
  # The device README's recipe: the Vulkan loader and glvnd from .gl, unpacked into / (root there).
  if ! ldconfig -p | grep -q 'libvulkan.so.1'; then
    ls .gl/*.deb > /dev/null 2>&1 || echo "no .gl/*.deb and no libvulkan.so.1: dawn.node will find no Vulkan"
    for f in .gl/*.deb; do [ -f "$f" ] && dpkg -x "$f" /; done
    ldconfig
  fi
  ldconfig -p | grep 'libvulkan.so.1' || echo "libvulkan.so.1 is still missing"
  # Which ICD is tried (first that gives dawn.node a GPU adapter wins): the loader's own search, then the
  # NVIDIA manifests where the image or the driver's mount has one (the device README's VK_DRIVER_FILES).
  ICDS=("" $(ls /usr/share/vulkan/icd.d/nvidia_icd*.json /etc/vulkan/icd.d/nvidia_icd*.json /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json 2>/dev/null))
  echo "NVIDIA Vulkan ICD manifests: ${ICDS[*]:1}"
  if command -v vulkaninfo > /dev/null; then timeout 20 vulkaninfo --summary 2>&1 | grep -iE 'deviceName|driverName|apiVersion' || true; fi
  EL=16777216 N=1024 NJS=512
else
  # The .debs' loader, unpacked here rather than into /, in front of SwiftShader (Debian's chromium).
  mkdir -p "$W/gl"
  for f in .gl/*.deb; do [ -f "$f" ] && dpkg -x "$f" "$W/gl"; done
  SS=/usr/lib/chromium
  [ -f $SS/vk_swiftshader_icd.json ] || echo "no SwiftShader at $SS either: the WebGPU steps will say why they cannot run"
  export LD_LIBRARY_PATH="$W/gl/usr/lib/x86_64-linux-gnu:$SS${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" VK_ICD_FILENAMES=$SS/vk_swiftshader_icd.json
  ICDS=("$VK_ICD_FILENAMES")
  EL=1048576 N=256 NJS=128
fi

echo "sizes: elements $EL, matmul n $N (and $NJS beside plain JavaScript)"
cd "$W/repo"
# step NAME TIMEOUT_S COMMAND...: runs under its own timeout, never past the budget, and never stops the check.
step() {
  local name=$1 limit=$2
  shift 2
  local left=$((BUDGET_S - $(elapsed)))
  if [ $left -le 5 ]; then
    say "$name: SKIPPED, the ${BUDGET_S} s budget is spent"
    printf '%s\tskipped\n' "$name" >> "$W/records/steps.tsv"
    return
  fi
  [ "$limit" -gt "$left" ] && limit=$left
  say "$name (timeout ${limit} s)"
  timeout -k 5 "$limit" "$@"
  local rc=$?
  if [ $rc = 124 ] || [ $rc = 137 ]; then
    echo "$name: TIMED OUT after ${limit} s, going on"
  elif [ $rc = 1 ] && [ -n "${RECORD:-}" ] && [ -f "$RECORD" ]; then
    echo "$name: exit 1 with a record: the run's verdict is INVALID (its reasons are above), going on"
  elif [ $rc != 0 ]; then
    echo "$name: FAILED (exit $rc), going on"
  fi
  printf '%s\t%s\n' "$name" "$rc" >> "$W/records/steps.tsv"
}
# Short durations (as test/bench/agent.ts overrides them): one spec run costs ~1 s idle power + ~1-3 s.
short() {
  sed -e 's/min-duration-ms: [0-9]*/min-duration-ms: 1000/' -e 's/max-duration-ms: [0-9]*/max-duration-ms: 3000/' "lessons/specs/$1.bench.yaml" > "$W/specs/$1.bench.yaml"
  echo "$W/specs/$1.bench.yaml"
}
run() { # run NAME SPEC TARGET PARAMS...
  local name=$1 spec=$2 target=$3
  shift 3
  local params=()
  for p in "$@"; do params+=(--param "$p"); done
  RECORD=$W/records/$name.json step "$name" 60 "$NODE" runtime/cli/bin.mjs run "$(short "$spec")" --target "$target" "${params[@]}" --out "$W/records/$name.json"
}

# The probe, once per ICD candidate until dawn.node's default adapter is a GPU (SwiftShader in a dry run).
say "probe: the adapters dawn.node finds and the energy sources"
probed=0
for icd in "${ICDS[@]}"; do
  if [ -n "$icd" ]; then
    # Both names: VK_DRIVER_FILES is the loader's current one, VK_ICD_FILENAMES is what the record notes.
    export VK_DRIVER_FILES=$icd VK_ICD_FILENAMES=$icd
    case $icd in /usr/local/nvidia/*) export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json ;; esac
    echo "-- Vulkan driver $icd: $(tr -s ' \n' ' ' < "$icd")"
  else
    unset VK_DRIVER_FILES VK_ICD_FILENAMES
    echo "-- Vulkan drivers: the loader's own search"
  fi
  timeout -k 5 25 "$NODE" scripts/device-probe.ts > "$W/records/probe.txt" 2>&1
  echo "probe exit $?"
  cat "$W/records/probe.txt"
  default=$(grep '^adapter (default): {' "$W/records/probe.txt")
  if [ -n "$default" ] && { [ $GPU = 0 ] || ! grep -q '"fallback":true' <<< "$default"; }; then
    probed=1
    break
  fi
done
[ $probed = 1 ] || echo "dawn.node found no suitable adapter with any Vulkan driver tried: the WebGPU steps will say why"
printf 'probe\t%s\n' "$([ $probed = 1 ] && echo 0 || echo 1)" >> "$W/records/steps.tsv"
echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-} VK_ICD_FILENAMES=${VK_ICD_FILENAMES:-} VK_DRIVER_FILES=${VK_DRIVER_FILES:-}"
# DEVCHECK_ONLY=grade: only the grading step (the GPU steps above and below are skipped).
if [ "${DEVCHECK_ONLY:-}" != grade ]; then
run vector-add vector-add node-webgpu elements=$EL
run copy-bandwidth copy-bandwidth node-webgpu elements=$EL
run reduce-sum reduce-sum node-webgpu elements=$EL
run matmul-tiled matmul node-webgpu n=$N variant=tiled
run matmul-naive matmul node-webgpu n=$N variant=naive
run matmul-tiled-small matmul node-webgpu n=$NJS variant=tiled
run matmul-js matmul js n=$NJS
run energy-per-query energy-per-query node-onnx
step agent 90 "$NODE" scripts/device-agent-run.ts "$(short matmul)" node-webgpu n=$N variant=tiled --out "$W/records/agent-matmul.json"
fi
# Grading throughput on every core of this machine (test/bench/grade.ts: 1,000 generated submissions, a
# tenth with the code exercise in QuickJS; then 4 shards and a merge).
step grade 150 bash -c "\"$NODE\" test/bench/grade.ts 1000 0.1 | tee \"$W/records/grade.txt\""

say "summary (one line per record; energy: the NVIDIA board's, else the first domain's, net of idle)"
python3 - "$W/records" << 'EOF' | tee "$OUT/summary.tsv"
import glob, json, os, sys
print('\t'.join(['record', 'target', 'parameters', 'adapter', 'median', 'verified', 'valid', 'energy']))
for f in sorted(glob.glob(f'{sys.argv[1]}/*.json')):
    try:
        r = json.load(open(f))
        t = r.get('environment', {}).get('target', {})
        a = t.get('adapter') or {}
        adapter = ' / '.join(str(a.get(k)) for k in ('vendor', 'architecture', 'description') if a.get(k)) or t.get('backend', '?')
        m = [f"{x['name']} {v:.4g} {x['unit']}" for x in r.get('metrics', []) for k, v in x.get('values', {}).items() if k == 'median' and isinstance(v, (int, float))]
        e = t.get('energy') or {}
        doms = e.get('domains') or []
        d = next((d for d in doms if str(d.get('domain', '')).startswith('nvidia')), doms[0] if doms else None)
        per = f", all domains {e['joulesPerItem']:.3g} J per item" if isinstance(e.get('joulesPerItem'), (int, float)) else ''
        energy = f"{d['domain']}: net {d['netJ']:.3g} J over {e.get('windowMs', 0):.0f} ms, idle {d['idleW']:.3g} W{per}" if d else f"{e.get('status', '?')}"
        ver = r.get('verification') or {}
        print('\t'.join([os.path.basename(f)[:-5], str(r.get('target')), json.dumps(r.get('parameters')), adapter, '; '.join(m),
                         'yes' if ver.get('ok') else f"no: {ver.get('detail', ver)}", 'VALID' if (r.get('validity') or {}).get('valid') else 'INVALID', energy]))
    except Exception as ex:
        print(f'{f}\tunreadable: {ex}')
EOF
echo
cat "$W/records/steps.tsv"
tar -czf "$OUT/records.tar.gz" -C "$W" records specs
say "done: $OUT/devcheck.log, $OUT/summary.tsv, $OUT/records.tar.gz ($(du -h "$OUT/records.tar.gz" | cut -f1))"
# Let tee write the last lines before the device run returns.
exec > /dev/null 2>&1
wait $TEE 2> /dev/null || true
