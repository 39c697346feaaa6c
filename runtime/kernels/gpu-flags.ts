// WebGPU buffer usage, map mode and shader stage flags. Their values are fixed by the WebGPU
// specification; written out once here so the core does not depend on the host's GPUBufferUsage /
// GPUMapMode / GPUShaderStage globals (dawn.node and workers differ in what they install).
export const USAGE_MAP_READ = 0x0001;
export const USAGE_COPY_SRC = 0x0004;
export const USAGE_COPY_DST = 0x0008;
export const USAGE_UNIFORM = 0x0040;
export const USAGE_STORAGE = 0x0080;
export const USAGE_QUERY_RESOLVE = 0x0200;
export const MAP_MODE_READ = 0x0001;
export const STAGE_COMPUTE = 0x4;
