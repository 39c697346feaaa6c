import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { qualityReasons, runSpec } from '../../runtime/engine/run-spec.ts';
import { parseResultRecord } from '../../runtime/results/record.ts';
import type { PreparedTask, Runner } from '../../runtime/runners/types.ts';
import { loadSpec } from '../../runtime/spec/load.ts';

/** Virtual time: the clock reads `t`, work advances it; nothing real is timed. */
function virtualTime() {
  let t = 0;
  return { clock: () => (t += 0.0005), advance: (ms: number) => void (t += ms) };
}

const vectorAdd = loadSpec(readFileSync('lessons/specs/vector-add.bench.yaml', 'utf8')).spec!;

/** A js-target runner whose calls are logged; the cold first call costs `firstMs`, every later one 1 ms. */
function fakeRunner(
  time: ReturnType<typeof virtualTime>,
  options: { firstMs?: number; work?: PreparedTask['work']; ok?: (calls: number) => boolean; quality?: Record<string, number> } = {},
) {
  const log: string[] = [];
  let calls = 0;
  const runner: Runner = {
    target: 'js',
    unsupported: async () => null,
    prepare: async () => ({
      workload: {
        run: async (iterations) => {
          log.push(`run ${iterations}`);
          time.advance(calls++ === 0 ? (options.firstMs ?? 1) : iterations);
        },
      },
      work: options.work ?? { items: 1, bytes: 12 },
      verify: async () => {
        log.push('verify');
        return { ok: options.ok ? options.ok(calls) : true, maxAbsError: 0 };
      },
      ...(options.quality ? { quality: async () => options.quality! } : {}),
      environment: async () => ({ backend: 'fake' }),
      dispose: async () => {},
    }),
  };
  return { runner, log };
}

const run = (runner: Runner, time: ReturnType<typeof virtualTime>, spec = vectorAdd) =>
  runSpec({ spec, runners: [runner], target: 'js', host: {}, clock: time.clock, now: () => new Date(0) });

describe('runSpec: the first run', () => {
  it('is the cold first call, timed, and its output is what is verified, before any warm-up', async () => {
    const time = virtualTime();
    const { runner, log } = fakeRunner(time, { firstMs: 80 });
    const record = await run(runner, time);
    expect(log.slice(0, 3)).toEqual(['run 1', 'verify', 'run 1']);
    expect(record.timing.firstRunMs).toBeGreaterThanOrEqual(80);
    expect(record.timing.firstRunMs).toBeLessThan(81);
    expect(record.verification.ok).toBe(true);
  });

  it('a wrong first output stops the run before any sample', async () => {
    const time = virtualTime();
    const { runner, log } = fakeRunner(time, { ok: () => false });
    await expect(run(runner, time)).rejects.toThrow(/does not match the CPU reference.*a wrong answer is not timed/);
    expect(log).toEqual(['run 1', 'verify']);
  });
});

describe('runSpec: no number that is not a number', () => {
  it('a GB/s metric without a byte count is left out, named, and the run is INVALID; the record has no null', async () => {
    const time = virtualTime();
    const { runner } = fakeRunner(time, { work: { items: 1 } });
    const record = await run(runner, time);
    expect(record.metrics.find((m) => m.name === 'bandwidth')!.values).toEqual({});
    expect(record.validity.valid).toBe(false);
    expect(record.validity.reasons).toContain('bandwidth (median) was not measured: this task has no byte count');
    const text = JSON.stringify(record);
    expect(text).not.toMatch(/null|NaN/);
    expect(parseResultRecord(text).errors).toEqual([]);
  });
});

describe('the quality rule', () => {
  const target = { metric: 'accuracy', min: 0.9 };
  it('NaN accuracy is INVALID: "accuracy was not measured" (NaN < 0.9 is false, so a plain comparison passed it)', () => {
    expect(qualityReasons(target, { accuracy: NaN }, [])).toEqual([
      'accuracy was not measured (it came out as NaN), so the quality target (at least 0.9) cannot be met: speed without a measured quality does not count',
    ]);
  });
  it('a missing accuracy is INVALID, a low one is, and one at the target is not', () => {
    expect(qualityReasons(target, undefined, [])[0]).toMatch(/^accuracy was not measured, so/);
    expect(qualityReasons(target, { accuracy: 0.8 }, [])).toEqual([
      'accuracy 0.8000 is below the quality target 0.9: speed at this quality does not count',
    ]);
    expect(qualityReasons(target, { accuracy: 0.9 }, [])).toEqual([]);
  });
  it('reads the metric from the metrics when the runner reports no quality', () => {
    expect(qualityReasons(target, undefined, [{ name: 'accuracy', values: { value: 0.95 } }])).toEqual([]);
  });
});
