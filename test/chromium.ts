// Debian's Chromium with WebGPU on the CPU (SwiftShader) and no network chatter on a closed network
// (DESIGN.md, "Known browser flags"): one home for the browser tests and the benches.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/lib/chromium/chromium';

export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
