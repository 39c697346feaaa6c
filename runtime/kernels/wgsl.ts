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
/** Side of the naive matmul's workgroup: 16 x 16 = 256 invocations (the tiled kernel's shape: MATMUL_TILED). */
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
  if (
    !Number.isInteger(valuesPerInvocation) ||
    valuesPerInvocation < 1 ||
    valuesPerInvocation > 64 ||
    (valuesPerInvocation & (valuesPerInvocation - 1)) !== 0
  ) {
    throw new RangeError(
      `reduceSumWgsl: values per invocation must be a power of two from 1 to 64 (a tree in registers), got ${valuesPerInvocation}`,
    );
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
 * The tiled matmul's shape: 8 x 8 invocations, each with an 8 x 8 block of C in registers, cover a
 * 64 x 64 block; tiles of A and B go through workgroup memory 16 values of k at a time (8 KiB, and
 * 2 barriers per 16 steps along k). On SwiftShader (Chromium, n = 256) it beat 4 x 4 or 4 x 8 per
 * invocation, 16 x 16 invocations, and K steps of 8 or 32.
 */
export const MATMUL_TILED = {
  /** Invocations per workgroup along x (columns of C) and along y (rows). */
  workgroup: 8,
  /** Rows of C per invocation. */
  rows: 8,
  /** Columns of C per invocation, as vec4 groups: 2 x 4. */
  vec4Columns: 2,
  /** Side of the block of C one workgroup computes: 8 x 8 = 8 x (2 x 4) = 64. */
  block: 64,
  /** Values of k staged in workgroup memory per pair of barriers. */
  kStep: 16,
} as const;

/** The tiled kernel's workgroup grid for n x n matrices: one workgroup per 64 x 64 block of C. */
export function matmulTiledGrid(n: number): [number, number] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`matmulTiledGrid: n must be a positive whole number, got ${n}`);
  const side = Math.ceil(n / MATMUL_TILED.block);
  return [side, side];
}

/**
 * matmul, tiled and register-blocked, the shape of production kernels (ORT's MatMulPacked, TFJS).
 * Per K step the workgroup copies a 64 x 16 tile of A and a 16 x 64 tile of B into workgroup
 * memory, then each invocation does 16 x 64 multiply-adds from them: a value read from storage is
 * used 64 times, one read from workgroup memory 8 times (naive: 2 reads per multiply-add).
 * - Invocation (x, y) owns rows y, y + 8, ... and vec4 column groups x, x + 8: neighbours read
 *   neighbouring addresses and write neighbouring vec4s of C. A's tile is stored transposed so
 *   both tiles are read along a row.
 * - `vec4: true` binds `array<vec4f>` (16-byte loads and stores): only for n a multiple of 4, so
 *   rows start on a vec4. Values outside the matrices read as 0 and are never written, so any n
 *   works; every invocation reaches every barrier.
 * - The block is written out (`acc[0] += a0 * b0; ...`), not looped: constant indices keep `acc`
 *   in registers, a loop index puts it in memory (5x slower on SwiftShader).
 */
export function matmulTiledWgsl(options: { vec4?: boolean } = {}): string {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`matmulTiledWgsl: expected options such as { vec4: true }, got ${String(options)} (the tile shape is fixed: MATMUL_TILED)`);
  }
  const vec4 = options.vec4 ?? false;
  if (typeof vec4 !== 'boolean') throw new TypeError(`matmulTiledWgsl: options.vec4 must be true or false, got ${String(vec4)}`);
  const { workgroup: W, rows: R, vec4Columns: V, kStep: K } = MATMUL_TILED;
  const row = (i: number) => (i === 0 ? 'lid.y' : `lid.y + ${i * W}u`);
  const col = (v: number) => (v === 0 ? 'lid.x' : `lid.x + ${v * W}u`);
  const step: string[] = [];
  for (let v = 0; v < V; v++) step.push(`      let b${v} = tileB[k][${col(v)}];`);
  for (let i = 0; i < R; i++) {
    step.push(`      let a${i} = tileA[k][${row(i)}];`);
    for (let v = 0; v < V; v++) step.push(`      acc[${i * V + v}] += a${i} * b${v};`);
  }
  const store: string[] = [];
  for (let i = 0; i < R; i++) {
    for (let v = 0; v < V; v++)
      store.push(`  writeC(blockRow + ${row(i)}, blockCol + 4u * ${v === 0 ? col(v) : `(${col(v)})`}, n, acc[${i * V + v}]);`);
  }
  const io = vec4
    ? `// n is a multiple of 4: a group of 4 columns is wholly inside the matrix or wholly outside.
fn readA(r: u32, c: u32, n: u32) -> vec4f {
  if (r < n && c < n) { return A[(r * n + c) / 4u]; }
  return vec4f(0.0);
}
fn readB(r: u32, c: u32, n: u32) -> vec4f {
  if (r < n && c < n) { return B[(r * n + c) / 4u]; }
  return vec4f(0.0);
}
fn writeC(r: u32, c: u32, n: u32, value: vec4f) {
  if (r < n && c < n) { C[(r * n + c) / 4u] = value; }
}`
    : `// Any n: each of the 4 columns is checked on its own.
${['A', 'B']
  .map(
    (m) => `fn read${m}(r: u32, c: u32, n: u32) -> vec4f {
  var v = vec4f(0.0);
  if (r < n) {
    let i = r * n + c;
    if (c < n) { v.x = ${m}[i]; }
    if (c + 1u < n) { v.y = ${m}[i + 1u]; }
    if (c + 2u < n) { v.z = ${m}[i + 2u]; }
    if (c + 3u < n) { v.w = ${m}[i + 3u]; }
  }
  return v;
}`,
  )
  .join('\n')}
fn writeC(r: u32, c: u32, n: u32, value: vec4f) {
  if (r < n) {
    let i = r * n + c;
    if (c < n) { C[i] = value.x; }
    if (c + 1u < n) { C[i + 1u] = value.y; }
    if (c + 2u < n) { C[i + 2u] = value.z; }
    if (c + 3u < n) { C[i + 3u] = value.w; }
  }
}`;
  const element = vec4 ? 'vec4f' : 'f32';
  return `// matmul, tiled: each invocation computes an ${R} x ${4 * V} block of C in registers, each workgroup a
// ${MATMUL_TILED.block} x ${MATMUL_TILED.block} block, staging A and B through workgroup memory ${K} values of k at a time.
${PARAMS}
const W = ${W}u;      // invocations along x and along y
const BLOCK = ${MATMUL_TILED.block}u; // side of the block of C per workgroup
const K = ${K}u;     // values of k per barrier pair
@group(0) @binding(0) var<storage, read> A: array<${element}>;
@group(0) @binding(1) var<storage, read> B: array<${element}>;
@group(0) @binding(2) var<storage, read_write> C: array<${element}>;
@group(0) @binding(3) var<uniform> params: Params;

var<workgroup> tileA: array<array<f32, BLOCK>, K>;          // transposed: tileA[k][row]
var<workgroup> tileB: array<array<vec4f, BLOCK / 4u>, K>;   // tileB[k][column group]

${io}

@compute @workgroup_size(W, W)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u,
        @builtin(local_invocation_index) li: u32) {
  let n = params.n;
  let blockRow = wid.y * BLOCK;
  let blockCol = wid.x * BLOCK;
  var acc: array<vec4f, ${R * V}>;  // rows lid.y + ${W}i, column groups lid.x + ${W}v: acc[${V}i + v]
  for (var t = 0u; t < n; t = t + K) {
    // Stage the tiles: 4 values per load, ${(MATMUL_TILED.block * K) / 4 / (W * W)} loads of each per invocation.
    for (var e = li; e < BLOCK * K / 4u; e = e + W * W) {
      let r = e / (K / 4u);
      let c = 4u * (e % (K / 4u));
      let a = readA(blockRow + r, t + c, n);
      tileA[c][r] = a.x;
      tileA[c + 1u][r] = a.y;
      tileA[c + 2u][r] = a.z;
      tileA[c + 3u][r] = a.w;
    }
    for (var e = li; e < K * BLOCK / 4u; e = e + W * W) {
      let r = e / (BLOCK / 4u);
      let c = e % (BLOCK / 4u);
      tileB[r][c] = readB(t + r, blockCol + 4u * c, n);
    }
    workgroupBarrier();
    for (var k = 0u; k < K; k = k + 1u) {
${step.join('\n')}
    }
    // Nobody overwrites a tile while a neighbour still reads it.
    workgroupBarrier();
  }
${store.join('\n')}
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
