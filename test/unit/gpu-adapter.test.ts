import { describe, expect, it } from 'vitest';
import { adapterIdentity, describeAdapter, isCpuFallbackAdapter, type FallbackEvidence } from '../../runtime/gpu/index.ts';

/**
 * The adapters the one CPU-fallback rule classifies, with the names real implementations report
 * (Chromium/Dawn, Mesa, Windows) and the flag true, false or absent.
 */
const cases: [string, FallbackEvidence, boolean][] = [
  [
    'SwiftShader in Chromium, flagged',
    { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)', isFallbackAdapter: true },
    true,
  ],
  ['SwiftShader, no flag (an older implementation)', { vendor: 'google', architecture: 'swiftshader' }, true],
  [
    'SwiftShader, flag false (an old record or a wrong flag): the name wins',
    { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: false },
    true,
  ],
  ['SwiftShader named only in the description', { vendor: 'google', architecture: '', description: 'SwiftShader Device (LLVM 10.0.0)' }, true],
  ['Mesa llvmpipe', { vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }, true],
  ['Mesa lavapipe', { vendor: 'mesa', architecture: 'lavapipe', description: '' }, true],
  ['Mesa softpipe', { description: 'softpipe' }, true],
  ['Microsoft WARP by its description', { vendor: 'microsoft', architecture: '', description: 'Microsoft Basic Render Driver' }, true],
  ['Microsoft WARP by name', { vendor: 'microsoft', device: 'WARP' }, true],
  ['any adapter its implementation flags as fallback', { vendor: 'intel', architecture: 'gen-12lp', isFallbackAdapter: true }, true],
  ['NVIDIA, flag false', { vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA GeForce RTX 3080', isFallbackAdapter: false }, false],
  ['NVIDIA, no flag', { vendor: 'nvidia', architecture: 'lovelace', description: 'NVIDIA H100' }, false],
  ['AMD', { vendor: 'amd', architecture: 'rdna-3', description: 'AMD Radeon RX 7900 XTX', isFallbackAdapter: false }, false],
  ['Intel', { vendor: 'intel', architecture: 'gen-12lp', description: 'Intel(R) UHD Graphics 770' }, false],
  ['Apple', { vendor: 'apple', architecture: 'metal-3', isFallbackAdapter: false }, false],
  ['a name that only contains "warp"', { vendor: 'warpdrive', architecture: 'warped-9' }, false],
  ['nothing known about it', {}, false],
];

describe('isCpuFallbackAdapter: the one rule for a CPU fallback adapter', () => {
  it.each(cases)('%s', (_name, adapter, expected) => {
    expect(isCpuFallbackAdapter(adapter)).toBe(expected);
  });
});

/** A GPUAdapter with just what the describers read. */
function fakeAdapter(info: Record<string, unknown>, extra: Record<string, unknown> = {}): GPUAdapter {
  return {
    info,
    features: new Set(['timestamp-query', 'shader-f16']),
    limits: { maxBufferSize: 256, maxComputeWorkgroupSizeX: 128 },
    ...extra,
  } as unknown as GPUAdapter;
}

describe('adapterIdentity and describeAdapter', () => {
  it('reads the names, fills the gaps, and applies the rule', () => {
    expect(
      adapterIdentity(fakeAdapter({ vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true })),
    ).toEqual({
      vendor: 'google',
      architecture: 'swiftshader',
      device: '',
      description: '',
      isFallbackAdapter: true,
    });
    expect(adapterIdentity(fakeAdapter({}))).toEqual({
      vendor: 'unknown',
      architecture: 'unknown',
      device: '',
      description: '',
      isFallbackAdapter: false,
    });
  });

  it("takes an older implementation's flag from the adapter itself", () => {
    expect(adapterIdentity(fakeAdapter({ vendor: 'nvidia' }, { isFallbackAdapter: true })).isFallbackAdapter).toBe(true);
    expect(adapterIdentity(fakeAdapter({ vendor: 'nvidia' }, { isFallbackAdapter: false })).isFallbackAdapter).toBe(false);
  });

  it('lists the features sorted and the limits asked for', () => {
    const d = describeAdapter(fakeAdapter({ vendor: 'amd', architecture: 'rdna-3' }), ['maxBufferSize']);
    expect(d.features).toEqual(['shader-f16', 'timestamp-query']);
    expect(d.limits).toEqual({ maxBufferSize: 256 });
    expect(d.isFallbackAdapter).toBe(false);
  });
});
