// Starts a real `workbook agent` process and reads its pairing link: for the tests, the browser
// tests and the bench, which must meet the agent as a user's page does (another process, over TCP).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SpawnedAgent {
  port: number;
  token: string;
  origin: string;
  link: string;
  child: ChildProcess;
  /** What the agent logged (stderr), line by line, so far. */
  logLines: string[];
  stop(): Promise<void>;
}

const BIN = fileURLToPath(new URL('../../cli/bin.mjs', import.meta.url));

/** Spawns `workbook agent --port 0 ...args` with Node `node` (default: this one) and waits for its link. */
export function spawnAgent(args: string[] = [], options: { env?: NodeJS.ProcessEnv; node?: string; timeoutMs?: number } = {}): Promise<SpawnedAgent> {
  const child = spawn(options.node ?? process.execPath, [BIN, 'agent', '--port', '0', ...args], {
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logLines: string[] = [];
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    const lines = err.split('\n');
    err = lines.pop()!;
    logLines.push(...lines);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the agent printed no link within ${options.timeoutMs ?? 30_000} ms; it said: ${out}${logLines.join('\n')}`));
    }, options.timeoutMs ?? 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the agent exited (${code}) before printing its link: ${out}${logLines.join('\n')}${err}`));
    });
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /#agent=([^&\s]+)&token=([\w-]+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const origin = decodeURIComponent(m[1]!);
      resolve({
        port: Number(new URL(origin).port),
        token: m[2]!,
        origin,
        link: /(\S+#agent=\S+)/.exec(out)![1]!,
        child,
        logLines,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
