/**
 * WGSL sources of the kernels, as functions of their workgroup shape. Plain strings: no DOM, no
 * WebGPU objects, so the text can be shown in a lesson, linted and tested anywhere.
 *
 * Shared conventions:
 * - Inputs are `var<storage, read>`, the output `var<storage, read_write>`, the size a uniform
 *   `params.n`, so one compiled pipeline serves any size and the bounds checks are explicit.
 * - 1-D kernels may be dispatched on a 2-D grid: WebGPU caps each grid dimension at
 *   `maxComputeWorkgroupsPerDimension` (usually 65535), i.e. 16.7 M invocations of 256 in x alone.
 *   The linear index folds y back in, and every kernel ignores indices past n (the grid rounds up).
 * - The default workgroup of 256 invocations is the WebGPU default limit: every adapter has it.
 */

/** Invocations per workgroup of the 1-D kernels (copy, vector-add, reduce-sum). */
export const DEFAULT_WORKGROUP_SIZE = 256;
/** Side of the matmul workgroup and of the tiled kernel's tiles: 16 x 16 = 256 invocations. */
export const DEFAULT_TILE = 16;
/** Values each reduce-sum invocation loads (and adds as a tree in registers): a workgroup of 256 covers 4096. */
export const REDUCE_VALUES_PER_INVOCATION = 16;

function checkWorkgroupSize(size: number, where: string): void {
  if (!Number.isInteger(size) || size < 1 || size > 1024) {
    throw new RangeError(`${where}: the workgroup size must be a whole number from 1 to 1024, got ${size}`);
  }
}

function checkPowerOfTwo(size: number, where: string): void {
  checkWorkgroupSize(size, where);
  if ((size & (size - 1)) !== 0) {
    throw new RangeError(`${where}: the tree reduction halves the workgroup each step, so its size must be a power of two, got ${size}`);
  }
}

function checkTile(tile: number, where: string): void {
  if (!Number.isInteger(tile) || tile < 1 || tile > 32) {
    throw new RangeError(`${where}: the tile side must be a whole number from 1 to 32 (tile^2 invocations per workgroup), got ${tile}`);
  }
}

const PARAMS = `struct Params {
  n: u32,
}`;

/** The linear index of a 1-D kernel's invocation on a possibly 2-D grid. */
const LINEAR_INDEX = `let i = gid.x + gid.y * nwg.x * WG;`;

/**
 * copy: b[i] = a[i]. No arithmetic, so its speed is the memory's: the bandwidth baseline every
 * other kernel is compared with. One value per invocation, consecutive invocations touch consecutive
 * addresses (coalesced), which is what lets a GPU reach its peak bandwidth.
 */
export function copyWgsl(workgroupSize = DEFAULT_WORKGROUP_SIZE): string {
  checkWorkgroupSize(workgroupSize, 'copyWgsl');
  return `// copy: b = a, one value per invocation (a bandwidth test: no arithmetic).
${PARAMS}
const WG = ${workgroupSize}u;
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> b: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  ${LINEAR_INDEX}
  if (i < params.n) {
    b[i] = a[i];
  }
}
`;
}

/**
 * vector-add: c[i] = a[i] + b[i]. One add per 12 bytes moved: memory-bound on every device, so it
 * runs at about copy's bandwidth; the lesson is that FLOP/s is the wrong metric for it.
 */
export function vectorAddWgsl(workgroupSize = DEFAULT_WORKGROUP_SIZE): string {
  checkWorkgroupSize(workgroupSize, 'vectorAddWgsl');
  return `// vector-add: c = a + b, one value per invocation (memory-bound: 1 flop per 12 bytes).
${PARAMS}
const WG = ${workgroupSize}u;
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  ${LINEAR_INDEX}
  if (i < params.n) {
    c[i] = a[i] + b[i];
  }
}
`;
}

/**
 * reduce-sum, one pass: each workgroup sums VPI x WG values (VPI values per invocation) into
 * output[group]; the host repeats the pass on the partial sums (n -> n / 4096 -> ...) until one
 * value is left. Values past n count as 0, so any n works, powers of two or not.
 * Why this shape:
 * - Invocations cannot add into one variable, so they add as a tree: first each invocation over its
 *   own VPI values in registers, then the workgroup in fast `var<workgroup>` memory (WG/2, WG/4, ... 1
 *   active invocations, a barrier between levels), then the passes. Every addition is a level of
 *   one binary tree, so the rounding error grows with log2 n, like pairwise summation, not with n.
 * - VPI values per invocation before the workgroup tree: the barriers are the expensive part (very
 *   much so on CPU adapters such as SwiftShader), and 16 values per invocation means 16x fewer
 *   workgroups, so 16x fewer barrier steps, for the same tree. Invocation j loads values j, j + WG,
 *   j + 2 WG, ...: neighbouring invocations read neighbouring addresses (coalesced).
 */
export function reduceSumWgsl(workgroupSize = DEFAULT_WORKGROUP_SIZE, valuesPerInvocation = REDUCE_VALUES_PER_INVOCATION): string {
  checkPowerOfTwo(workgroupSize, 'reduceSumWgsl');
  if (!Number.isInteger(valuesPerInvocation) || valuesPerInvocation < 1 || valuesPerInvocation > 64 || (valuesPerInvocation & (valuesPerInvocation - 1)) !== 0) {
    throw new RangeError(`reduceSumWgsl: values per invocation must be a power of two from 1 to 64 (a tree in registers), got ${valuesPerInvocation}`);
  }
  return `// reduce-sum, one pass: output[g] = sum of input[g * VPI * WG .. (g + 1) * VPI * WG), as one binary tree:
// in registers, then in workgroup memory. The host repeats the pass until one value is left.
${PARAMS}
const WG = ${workgroupSize}u;
const VPI = ${valuesPerInvocation}u;
@group(0) @binding(0) var<storage, read> input: array<f32>;
@group(0) @binding(1) var<storage, read_write> output: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

var<workgroup> partial: array<f32, WG>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u,
        @builtin(local_invocation_index) lid: u32) {
  let group = wid.x + wid.y * nwg.x;
  let first = group * (VPI * WG) + lid;
  // Load VPI values, WG apart (neighbours read neighbouring addresses); zero past the end.
  var v: array<f32, VPI>;
  for (var j = 0u; j < VPI; j = j + 1u) {
    let i = first + j * WG;
    if (i < params.n) { v[j] = input[i]; }
  }
  // Tree in registers: VPI values -> 1.
  for (var width = VPI / 2u; width > 0u; width = width / 2u) {
    for (var j = 0u; j < width; j = j + 1u) { v[j] = v[j] + v[j + width]; }
  }
  partial[lid] = v[0];
  workgroupBarrier();
  // Tree in workgroup memory: halve the active invocations each level. Every invocation reaches every barrier.
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) {
      partial[lid] = partial[lid] + partial[lid + stride];
    }
    workgroupBarrier();
  }
  let groups = (params.n + VPI * WG - 1u) / (VPI * WG);
  if (lid == 0u && group < groups) {
    output[group] = partial[0];
  }
}
`;
}

/**
 * matmul, naive: one invocation per element of C, a dot product of a row of A and a column of B
 * straight from storage memory. x runs along the columns, so neighbouring invocations read
 * neighbouring B values and write neighbouring C values (coalesced), and share the A value they read.
 * It reads 2n values from memory per 2n flops: memory-bound, the baseline the tiled kernel improves.
 */
export function matmulNaiveWgsl(tile = DEFAULT_TILE): string {
  checkTile(tile, 'matmulNaiveWgsl');
  return `// matmul, naive: C[row][col] = dot(row of A, column of B), one invocation per element of C.
${PARAMS}
const T = ${tile}u;
@group(0) @binding(0) var<storage, read> A: array<f32>;
@group(0) @binding(1) var<storage, read> B: array<f32>;
@group(0) @binding(2) var<storage, read_write> C: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(T, T)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let n = params.n;
  let row = gid.y;
  let col = gid.x;
  if (row >= n || col >= n) {
    return;
  }
  var acc = 0.0;
  for (var k = 0u; k < n; k = k + 1u) {
    acc = acc + A[row * n + k] * B[k * n + col];
  }
  C[row * n + col] = acc;
}
`;
}

/**
 * matmul, tiled: a T x T workgroup computes a T x T block of C. It walks along k one tile at a time:
 * the workgroup loads a T x T tile of A and one of B into `var<workgroup>` memory (each invocation
 * loads one value of each), waits at a barrier, and every invocation then does T multiply-adds
 * from the fast shared tiles. Each value loaded from storage is used T times instead of once, so
 * memory traffic falls by a factor of T. Out-of-range positions load 0 (which adds nothing), and
 * invocations outside C still load and reach the barriers, so any n works, multiple of T or not.
 */
export function matmulTiledWgsl(tile = DEFAULT_TILE): string {
  checkTile(tile, 'matmulTiledWgsl');
  return `// matmul, tiled: T x T tiles of A and B staged in workgroup memory, each loaded value used T times.
${PARAMS}
const T = ${tile}u;
@group(0) @binding(0) var<storage, read> A: array<f32>;
@group(0) @binding(1) var<storage, read> B: array<f32>;
@group(0) @binding(2) var<storage, read_write> C: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

var<workgroup> tileA: array<array<f32, T>, T>;
var<workgroup> tileB: array<array<f32, T>, T>;

@compute @workgroup_size(T, T)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let n = params.n;
  let row = gid.y;
  let col = gid.x;
  var acc = 0.0;
  let tiles = (n + T - 1u) / T;
  for (var t = 0u; t < tiles; t = t + 1u) {
    // Each invocation loads one value of each tile; zero outside the matrices.
    let ak = t * T + lid.x;
    let bk = t * T + lid.y;
    var a = 0.0;
    var b = 0.0;
    if (row < n && ak < n) { a = A[row * n + ak]; }
    if (bk < n && col < n) { b = B[bk * n + col]; }
    tileA[lid.y][lid.x] = a;
    tileB[lid.y][lid.x] = b;
    workgroupBarrier();
    for (var k = 0u; k < T; k = k + 1u) {
      acc = acc + tileA[lid.y][k] * tileB[k][lid.x];
    }
    // Nobody overwrites a tile while a neighbour still reads it.
    workgroupBarrier();
  }
  if (row < n && col < n) {
    C[row * n + col] = acc;
  }
}
`;
}

/**
 * A workgroup grid for `workgroups` workgroups when no dimension may exceed `maxPerDimension`:
 * [x, 1] when it fits, otherwise a near-square [x, y] with x * y >= workgroups (the kernels skip
 * the extra ones).
 */
export function grid1d(workgroups: number, maxPerDimension = 65535): [number, number] {
  if (!Number.isInteger(workgroups) || workgroups < 1) {
    throw new RangeError(`grid1d: workgroups must be a positive whole number, got ${workgroups}`);
  }
  if (workgroups <= maxPerDimension) return [workgroups, 1];
  const y = Math.ceil(workgroups / maxPerDimension);
  if (y > maxPerDimension) {
    throw new RangeError(`grid1d: ${workgroups} workgroups exceed ${maxPerDimension} x ${maxPerDimension}`);
  }
  return [Math.ceil(workgroups / y), y];
}

/**
 * The lengths a multi-pass reduction goes through: each pass turns `length` values into
 * ceil(length / (valuesPerInvocation * workgroupSize)) partial sums, until one is left.
 * For n = 1000003 with 16 x 256: [245, 1], two passes. For n = 1: [1], one pass.
 */
export function reducePassLengths(n: number, workgroupSize = DEFAULT_WORKGROUP_SIZE, valuesPerInvocation = REDUCE_VALUES_PER_INVOCATION): number[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`reducePassLengths: n must be a positive whole number, got ${n}`);
  const perGroup = valuesPerInvocation * workgroupSize;
  const out: number[] = [];
  let length = n;
  do {
    length = Math.ceil(length / perGroup);
    out.push(length);
  } while (length > 1);
  return out;
}
