// `workbook agent`'s command line: bad options exit 2 with what to give; a port in use says so.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnAgent, type SpawnedAgent } from '../../runtime/node/agent/spawn-agent.ts';

const run = (args: string[]) => spawnSync(process.execPath, ['runtime/cli/bin.mjs', 'agent', ...args], { encoding: 'utf8', timeout: 20_000 });
let first: SpawnedAgent | undefined;
afterAll(() => first?.stop());

describe('workbook agent options', { timeout: 60_000 }, () => {
  it('refuses a bad port, a bad origin and an unknown option', () => {
    const p = run(['--port', 'http']);
    expect(p.status).toBe(2);
    expect(p.stderr).toBe('workbook agent: --port http: give a whole number from 0 to 65535\n');
    const o = run(['--allow-origin', 'workbook.example.org']);
    expect(o.status).toBe(2);
    expect(o.stderr).toBe('workbook agent: --allow-origin workbook.example.org: not a URL (give one like https://workbook.example.org)\n');
    const u = run(['--shell']);
    expect(u.status).toBe(2);
    expect(u.stderr).toMatch(/^workbook agent: Unknown option '--shell'/);
  });

  it('prints the origins it allows and its link; a second agent on the same port says the port is in use', async () => {
    first = await spawnAgent(['--allow-origin', 'https://workbook.example.org/lessons/']);
    const second = run(['--port', String(first.port)]);
    expect(second.status).toBe(1);
    expect(second.stderr).toBe(`workbook agent: cannot listen on 127.0.0.1:${first.port}: the port is in use (another agent? give --port)\n`);
    const status = await fetch(`${first.origin}/status`, {
      headers: { Authorization: `Bearer ${first.token}`, Origin: 'https://workbook.example.org' },
    });
    expect(status.status).toBe(200);
    expect(status.headers.get('access-control-allow-origin')).toBe('https://workbook.example.org');
    // A public page's preflight (Private Network Access, LNA's predecessor) is answered for an allowed origin.
    const pre = await fetch(`${first.origin}/status`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://workbook.example.org',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
        'Access-Control-Request-Private-Network': 'true',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-private-network')).toBe('true');
    expect(pre.headers.get('access-control-allow-headers')).toBe('Authorization');
  });
});
