import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathProblem, specTextPathProblems } from '../../runtime/node/agent/project-paths.ts';
import { clientMessageSchema } from '../../runtime/node/agent/protocol.ts';
import { hostProblem, newToken, normalizeOrigin, originProblem, RateLimit, tokenMatches, tokenOf } from '../../runtime/node/agent/security.ts';

describe('the pairing token', () => {
  it('is fresh and long each time', () => {
    const a = newToken();
    expect(a).toMatch(/^[\w-]{43}$/);
    expect(newToken()).not.toBe(a);
  });
  it('matches only itself: a prefix, a longer string, another case, empty or missing do not', () => {
    const t = newToken();
    expect(tokenMatches(t, t)).toBe(true);
    for (const bad of [t.slice(0, -1), `${t}a`, t.toUpperCase() === t ? t.toLowerCase() : t.toUpperCase(), '', null, undefined, 'x'.repeat(600)])
      expect(tokenMatches(bad, t)).toBe(false);
  });
  it('comes from ?token= or a Bearer header (the header wins)', () => {
    expect(tokenOf(new URL('http://h/ws?token=abc'), undefined)).toBe('abc');
    expect(tokenOf(new URL('http://h/ws?token=abc'), 'Bearer xyz')).toBe('xyz');
    expect(tokenOf(new URL('http://h/ws'), 'Basic xyz')).toBeNull();
  });
});

describe('Origin and Host', () => {
  const allowed = ['http://localhost:4321', 'https://workbook.example.org'];
  it('allows the listed origins and programs without Origin, refuses others with the list', () => {
    expect(originProblem('http://localhost:4321', allowed)).toBeNull();
    expect(originProblem(undefined, allowed)).toBeNull();
    expect(originProblem('http://localhost:4322', allowed)).toBe(
      'Origin http://localhost:4322 is not allowed (allowed: http://localhost:4321, https://workbook.example.org; add one with --allow-origin)',
    );
    expect(originProblem('null', allowed)).toMatch(/^Origin null is not allowed/);
  });
  it('normalizes --allow-origin to an origin and refuses what is not one', () => {
    expect(normalizeOrigin('https://workbook.example.org/lessons/')).toBe('https://workbook.example.org');
    expect(() => normalizeOrigin('workbook.example.org')).toThrow('--allow-origin workbook.example.org: not a URL');
    expect(() => normalizeOrigin('file:///tmp')).toThrow('only http and https');
  });
  it('accepts loopback names on its own port only (DNS rebinding sends the attacker name)', () => {
    for (const h of ['127.0.0.1:4380', 'localhost:4380', 'LOCALHOST:4380', '[::1]:4380']) expect(hostProblem(h, 4380)).toBeNull();
    expect(hostProblem('evil.example:4380', 4380)).toMatch(/^Host "evil\.example:4380" is not this agent/);
    expect(hostProblem('127.0.0.1:4381', 4380)).not.toBeNull();
    expect(hostProblem('127.0.0.1', 4380)).not.toBeNull();
    expect(hostProblem(undefined, 4380)).toBe('no Host header');
  });
});

describe('the rate limit', () => {
  it('allows a burst, then the refill rate', () => {
    let now = 0;
    const r = new RateLimit(10, 5, () => now);
    expect(Array.from({ length: 8 }, () => r.take())).toEqual([true, true, true, true, true, false, false, false]);
    now += 100; // one token back
    expect([r.take(), r.take()]).toEqual([true, false]);
    now += 10_000; // never more than the burst
    expect(Array.from({ length: 6 }, () => r.take()).filter(Boolean).length).toBe(5);
  });
});

describe('files a spec names', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'bc-root-'));
  mkdirSync(path.join(root, 'data'));
  writeFileSync(path.join(root, 'data', 'in.bin'), 'x');
  const outside = mkdtempSync(path.join(tmpdir(), 'bc-out-'));
  writeFileSync(path.join(outside, 'secret'), 's');
  symlinkSync(path.join(outside, 'secret'), path.join(root, 'data', 'link'));
  it('must lie inside the project, by name and after links', () => {
    expect(pathProblem('data/in.bin', root)).toBeNull();
    expect(pathProblem('data/../data/in.bin', root)).toBeNull();
    expect(pathProblem('../secret', root)).toMatch(/^leaves the project/);
    expect(pathProblem('data/../../x', root)).toMatch(/^leaves the project/);
    expect(pathProblem('/etc/passwd', root)).toMatch(/^is an absolute path/);
    expect(pathProblem('C:\\Windows\\win.ini', root)).toMatch(/^is an absolute path/);
    expect(pathProblem('data/link', root)).toMatch(/^is a link that leaves the project/);
    expect(pathProblem('data/none', root)).toBe('does not exist in the project');
  });
  it('are found in a spec text before it is validated', () => {
    const text = `datasets:\n  - name: a\n    generated: {}\n  - name: b\n    shipped: { path: ../x }\n`;
    expect(specTextPathProblems(text, root)).toEqual([expect.stringMatching(/^datasets\[1\]\.shipped\.path "\.\.\/x" leaves the project/)]);
    expect(specTextPathProblems('{{ not yaml', root)).toEqual([]);
  });
});

describe('the messages a page may send', () => {
  it('are the listed types with exactly their fields', () => {
    expect(clientMessageSchema.safeParse({ type: 'ping', t: 1 }).success).toBe(true);
    expect(clientMessageSchema.safeParse({ type: 'run', request: 'a', specText: 'x', target: 'node-onnx' }).data).toMatchObject({ overrides: {} });
    expect(clientMessageSchema.safeParse({ type: 'run', request: 'a', specText: 'x', target: 'gpu' }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'ping', t: 1, extra: 1 }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'cancel', runId: '../r1' }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'run', request: 'a', specText: 'x'.repeat(70_000), target: 'js' }).success).toBe(false);
  });
});
