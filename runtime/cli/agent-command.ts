import { parseArgs } from 'node:util';
import { normalizeOrigin } from '../node/agent/security.ts';

const USAGE = `usage: workbook agent [--port N] [--allow-origin URL]... [--site URL]
  --port N            port on 127.0.0.1 (default 4380; 0 picks a free one)
  --allow-origin URL  a workbook served elsewhere whose pages may use the agent (repeatable)
  --site URL          the workbook the pairing link opens (default http://localhost:4321/; its origin is allowed)`;

/** `workbook agent`: serves native targets to the workbook's pages until Ctrl+C. */
export async function agentCommand(args: string[]): Promise<number> {
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by parseArgs's result below
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { port: { type: 'string' }, 'allow-origin': { type: 'string', multiple: true }, site: { type: 'string' } },
    });
  } catch (e) {
    process.stderr.write(`workbook agent: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values } = parsed;
  const port = values.port === undefined ? 4380 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`workbook agent: --port ${values.port}: give a whole number from 0 to 65535\n`);
    return 2;
  }
  let origins: string[];
  let site: string;
  try {
    origins = (values['allow-origin'] ?? []).map(normalizeOrigin);
    site = values.site ?? 'http://localhost:4321/';
    origins.push(normalizeOrigin(site));
  } catch (e) {
    process.stderr.write(`workbook agent: ${(e as Error).message}\n`);
    return 2;
  }
  const { startAgent } = await import('../node/agent/server.ts');
  const { defaultEnergyProbe } = await import('../node/energy/index.ts');
  const energy = await defaultEnergyProbe();
  let agent: Awaited<ReturnType<typeof startAgent>>;
  try {
    agent = await startAgent({ port, allowOrigins: origins, siteUrl: site, energy: energy.probe, energyText: energy.text });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(
      `workbook agent: cannot listen on 127.0.0.1:${port}${code === 'EADDRINUSE' ? ': the port is in use (another agent? give --port)' : `: ${(e as Error).message}`}\n`,
    );
    return 1;
  }
  process.stdout.write(
    [
      `The workbook agent listens on http://127.0.0.1:${agent.port} (this computer only).`,
      `Pages allowed: ${agent.origins.join(', ')}`,
      `Energy: ${energy.text}`,
      '',
      'Open this link to pair the workbook with this agent (the token is new each time the agent starts):',
      '',
      `    ${agent.pairingLink}`,
      '',
      'Ctrl+C stops the agent.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stderr.write('workbook agent: stopping\n');
  await agent.close();
  return 0;
}
