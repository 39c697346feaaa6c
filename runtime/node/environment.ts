import os from 'node:os';

/** The Node host, for the result record: what the numbers depend on (no host name: records get shared). */
export function nodeHostEnvironment(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    kind: 'node',
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    logicalCores: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    runtime: `Node.js ${process.version}`,
    v8: process.versions.v8,
  };
}
