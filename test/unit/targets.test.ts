import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hardwareItemsFor } from '../../runtime/exercises/rubric.ts';
import { specJsonSchema } from '../../runtime/spec/index.ts';
import {
  TARGETS,
  TARGETS_BY_KIND,
  TARGET_TABLE,
  WEBGPU_TARGETS,
  isTarget,
  runsOn,
  targetInfo,
  targetLabel,
  targetsByKindText,
  targetsOn,
} from '../../runtime/targets/index.ts';

const dir = resolve(import.meta.dirname, '../../runtime/targets');
/** The definition files: one per target, named for its id. */
const definitionFiles = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'types.ts');
/** The targets of 2026-11: what records, messages and the schema have always said of them must not change. A new target comes after them. */
const FIRST = ['js', 'browser-webgpu', 'browser-wasm', 'browser-wasm-threads', 'browser-onnx-webgpu', 'node-webgpu', 'node-onnx'];
const first = (ids: readonly string[]) => ids.filter((t) => FIRST.includes(t));

describe('the table of targets', () => {
  it('has one file per target, named for its id, and every file is in the table', async () => {
    const ids: string[] = [];
    for (const file of definitionFiles) {
      const exported = Object.values(await import(join(dir, file))) as { id?: string }[];
      expect(exported, `${file} exports one definition`).toHaveLength(1);
      expect(`${exported[0]!.id}.ts`, `runtime/targets/${file}: its id`).toBe(file);
      ids.push(exported[0]!.id!);
    }
    expect([...ids].sort()).toEqual([...TARGETS].sort());
  });

  it('keeps the ids in the order records, messages and the schema enum have always used', () => {
    expect(TARGETS.slice(0, FIRST.length)).toEqual(FIRST);
    const enumOf = JSON.stringify(specJsonSchema()).match(/"enum":\["js",[^\]]*\]/)?.[0];
    expect(enumOf).toBe(`"enum":${JSON.stringify(TARGETS)}`);
  });

  it('derives what the spec rules read: targets by kind and the WebGPU ones', () => {
    expect(first(TARGETS_BY_KIND.kernel)).toEqual(['js', 'browser-webgpu', 'node-webgpu']);
    expect(first(TARGETS_BY_KIND.inference)).toEqual(['browser-wasm', 'browser-wasm-threads', 'browser-onnx-webgpu', 'node-onnx']);
    for (const [kind, ids] of Object.entries(TARGETS_BY_KIND))
      expect(ids).toEqual(TARGET_TABLE.filter((t) => (t.kinds as readonly string[]).includes(kind)).map((t) => t.id));
    expect(first(WEBGPU_TARGETS)).toEqual(['browser-webgpu', 'node-webgpu', 'browser-onnx-webgpu']);
    expect([...WEBGPU_TARGETS].sort()).toEqual(
      TARGET_TABLE.filter((t) => t.webgpu)
        .map((t) => t.id)
        .sort(),
    );
    expect(targetsByKindText()).toMatch(
      /^js, browser-webgpu, node-webgpu(, [\w-]+)* \(kernels\); browser-wasm, browser-wasm-threads, browser-onnx-webgpu, node-onnx(, [\w-]+)* \(inference\); browser-wasm, browser-wasm-threads, browser-onnx-webgpu, node-onnx(, [\w-]+)* \(evaluation\)$/,
    );
  });

  it('says where each target runs', () => {
    expect(first(targetsOn('browser'))).toEqual(['js', 'browser-webgpu', 'browser-wasm', 'browser-wasm-threads', 'browser-onnx-webgpu']);
    expect(first(targetsOn('node'))).toEqual(['js', 'node-webgpu', 'node-onnx']);
    expect(runsOn('node-onnx', 'browser')).toBe(false);
    expect(runsOn('gpu', 'node')).toBe(false);
    expect(isTarget('gpu')).toBe(false);
    expect(targetLabel('browser-wasm-threads')).toBe('WASM threads');
    expect(targetLabel('gpu')).toBe('gpu');
  });

  it.each(TARGET_TABLE.map((t) => [t.id, t] as const))('%s is consistent', (_, t) => {
    expect(t.hosts.length).toBeGreaterThan(0);
    expect(t.kinds.length).toBeGreaterThan(0);
    expect(t.label.trim()).not.toBe('');
    expect(t.description).not.toMatch(/\.(\s|$)/); // one sentence, as the cell shows it after the label
    // A WebGPU target must record its adapter, or its numbers say nothing of the hardware.
    expect(t.identifiedBy.includes('adapter')).toBe(t.webgpu);
    // A page target is told apart by its browser; a Node one by its host.
    if (t.hosts.includes('browser')) expect(t.identifiedBy).toContain('user-agent');
    else expect(t.identifiedBy).toContain('host');
    // Threads need SharedArrayBuffer, which only an isolated page has.
    expect(t.needsIsolation).toBe(t.wasmThreads === 'threads');
    if (t.wasmThreads) expect(t.identifiedBy).toContain('backend');
    if (t.native !== undefined) {
      const native = targetInfo(t.native);
      expect(native, `${t.id}: native ${t.native} is a target`).toBeDefined();
      expect(native!.hosts).toContain('node');
      expect(native!.kinds).toEqual(t.kinds);
    }
  });

  it('tells the rubric what a result must record, target by target', () => {
    expect(hardwareItemsFor(['browser-wasm-threads'])).toEqual(['timer-resolution', 'user-agent', 'threads', 'backend']);
    expect(hardwareItemsFor(['browser-onnx-webgpu', 'node-onnx'])).toEqual(['timer-resolution', 'adapter', 'user-agent', 'backend', 'host']);
    expect(hardwareItemsFor(['js'])).toEqual(['timer-resolution', 'user-agent']);
  });

  it('has no code that runs in its files: a lesson page loads the table with its cells', () => {
    for (const file of [...definitionFiles, 'types.ts', 'index.ts']) {
      const text = readFileSync(join(dir, file), 'utf8');
      const imports = [...text.matchAll(/^import (type )?.* from '([^']+)'/gm)].filter((m) => !m[1] && !m[2]!.startsWith('./'));
      expect(imports.map((m) => `${file}: ${m[0]}`)).toEqual([]);
    }
  });
});
