import type { BrowserProbe } from '../gpu/probe.ts';
import type { Comparison } from '../results/compare.ts';
import { formatDuration, formatParams, formatTextTable } from '../format/index.ts';
import { formatResultTable } from '../results/format.ts';
import type { ResultRecord } from '../results/record.ts';
import { countDiagnostics, formatDiagnostic, type Diagnostic } from '../diagnostics.ts';
import { isTarget, targetInfo, type Target } from '../targets/index.ts';
import { agentRunsText, agentStatusText, HOW_TO_PAIR, type AgentHost } from './agent-words.ts';
import { DEFAULT_SWEEP_MAX_POINTS, defaultSweepPrecision, formatSweep, qpsSweepFile, sweepPointVerdict } from '../load/sweep-format.ts';
import { sweepQps } from '../load/sweep.ts';
import { COMMAND_HELP, parseCommandLine, type CellContext, type Command } from './commands.ts';

/** A run in the cell's list, as the pane shows it. */
export interface RunView {
  /** The run's number in the list, from 1. */
  number: number;
  record: ResultRecord;
  /** Where it came from: `this page` or the name of a loaded result file. */
  origin: string;
}

/**
 * What the pane asks of its cell. The cell does the work (the engine runs in a worker); this side
 * only checks commands and words the answers. Rejected promises carry a message for the learner.
 */
export interface TerminalHost {
  /** Writes text; lines end with `\n`. */
  write(text: string): void;
  clear(): void;
  /** The cell's current target and parameter values: what `run` uses for options it is not given. */
  defaults(): { target: Target; params: Record<string, string> };
  /** Runs the spec (log lines stream to the pane meanwhile) and resolves with its entry in the list. */
  run(request: { target: Target; params: Record<string, string> }): Promise<RunView>;
  /** Whether a run is in progress. */
  running(): boolean;
  /** Stops the run in progress; false when there is none. */
  stop(): boolean;
  runs(): readonly RunView[];
  probe(): Promise<BrowserProbe>;
  validate(): Promise<Diagnostic[]>;
  compare(a: ResultRecord, b: ResultRecord): Promise<Comparison>;
  /** The local agent, where the page can reach one. */
  agent?: AgentHost;
}

/** Parses one line and carries it out; every outcome, error or not, ends as text in the pane. */
export async function runCommandLine(line: string, cell: CellContext, host: TerminalHost): Promise<void> {
  const parsed = parseCommandLine(line, cell);
  if ('error' in parsed) {
    host.write(`${parsed.error}\n`);
    return;
  }
  if (parsed.command) await executeCommand(parsed.command, cell, host);
}

/** Carries out one checked command. */
export async function executeCommand(command: Command, cell: CellContext, host: TerminalHost): Promise<void> {
  const say = (text: string) => host.write(`${text}\n`);
  try {
    switch (command.name) {
      case 'help':
        say(helpText(command.topic));
        return;
      case 'clear':
        host.clear();
        return;
      case 'env':
        say(formatProbe(await host.probe()));
        return;
      case 'validate':
        say(formatDiagnostics(await host.validate(), cell.specFile));
        return;
      case 'runs':
        say(formatRuns(host.runs()));
        return;
      case 'stop':
        say(host.stop() ? 'stopping: the run ends after the current sample and keeps what it measured' : 'stop: no run in progress');
        return;
      case 'compare':
        await compare(command.a, command.b, host, say);
        return;
      case 'run':
        await run(command, cell, host, say);
        return;
      case 'sweep':
        await sweep(command, cell, host, say);
        return;
      case 'agent':
        await agent(command, host, say);
        return;
    }
  } catch (e) {
    say(`${command.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function run(command: Extract<Command, { name: 'run' }>, cell: CellContext, host: TerminalHost, say: (t: string) => void) {
  if (host.running()) {
    say('run: a run is in progress; wait for it, or stop it (stop, or Ctrl+C)');
    return;
  }
  const defaults = host.defaults();
  const target = command.target ?? defaults.target;
  const params = { ...defaults.params, ...command.params };
  const args = [`--target ${target}`, ...Object.entries(params).map(([k, v]) => `--param ${k}=${quote(v)}`)].join(' ');
  say(`run ${args}`);
  const native = nativeTarget(target, cell);
  if (native) say(`  (on your own computer: npx workbook run ${cell.specFile} ${args.replace(`--target ${target}`, `--target ${native}`)})`);
  const entry = await host.run({ target, params });
  say('');
  say(formatResultTable(entry.record).trimEnd());
  const earlier = host
    .runs()
    .filter((r) => r.number !== entry.number)
    .at(-1);
  say(`\nrun ${entry.number} is in the list${earlier ? `; compare it with run ${earlier.number}: compare ${earlier.number} ${entry.number}` : ''}`);
}

/**
 * `sweep`: the CLI's search (sweepQps) with each point a real run of this cell, in its worker, joining the
 * list (so the throughput-vs-p99 plot shows them all); then the CLI's table and answer (sweep-format.ts).
 */
async function sweep(command: Extract<Command, { name: 'sweep' }>, cell: CellContext, host: TerminalHost, say: (t: string) => void) {
  if (host.running()) {
    say('sweep: a run is in progress; wait for it, or stop it (stop, or Ctrl+C)');
    return;
  }
  const range = command.range ?? cell.sweep;
  if (!range) {
    say(`sweep: give a range, like sweep --param qps=20..200`);
    return;
  }
  const defaults = host.defaults();
  const target = command.target ?? defaults.target;
  const params = { ...defaults.params, ...command.params };
  delete params.qps;
  const precision = command.precision ?? defaultSweepPrecision(range, cell.sweep);
  const maxPoints = command.maxPoints ?? DEFAULT_SWEEP_MAX_POINTS;
  const args = [`--target ${target}`, ...Object.entries(params).map(([k, v]) => `--param ${k}=${quote(v)}`)].join(' ');
  say(`sweep --param qps=${range.from}..${range.to} --precision ${precision} --max-points ${maxPoints} ${args}`);
  const native = nativeTarget(target, cell);
  if (native)
    say(
      `  (on your own computer: npx workbook sweep ${cell.specFile} --param qps=${range.from}..${range.to} ${args.replace(`--target ${target}`, `--target ${native}`)})`,
    );
  const numbers: number[] = [];
  let stopped = false;
  const result = await sweepQps({ from: range.from, to: range.to, precision, maxPoints }, async (qps) => {
    if (stopped) throw new Error('stopped: the sweep ends with the run that was stopped; its points are in the list');
    say(`-- qps = ${qps}`);
    const entry = await host.run({ target, params: { ...params, qps: String(qps) } });
    numbers.push(entry.number);
    say(`   run ${entry.number}: ${sweepPointVerdict(entry.record)}`);
    if (entry.record.timing.stoppedBecause === 'cancelled') stopped = true;
    return { valid: entry.record.validity.valid, result: entry.record };
  });
  say('');
  say(formatSweep(qpsSweepFile(cell.specId, result)).trimEnd());
  say(`\nruns ${numbers.join(', ')} are in the list: the throughput-vs-p99 plot shows every point`);
}

async function agent(command: Extract<Command, { name: 'agent' }>, host: TerminalHost, say: (t: string) => void) {
  const a = host.agent;
  if (!a) {
    say('agent: this page cannot reach an agent');
    return;
  }
  switch (command.action) {
    case 'status':
      say(await agentStatusText(a));
      return;
    case 'runs':
      if (a.state().state !== 'connected') say(`agent runs: no agent is connected; ${HOW_TO_PAIR}`);
      else say(agentRunsText(await a.runs()));
      return;
    case 'unpair':
      a.unpair();
      say('unpaired: this browser forgot the pairing; the native targets are off until you pair again');
      return;
    case 'pair':
      await a.pair(command.link);
      say(await agentStatusText(a));
      return;
  }
}

async function compare(a: number, b: number, host: TerminalHost, say: (t: string) => void) {
  const runs = host.runs();
  const find = (n: number) => runs.find((r) => r.number === n);
  const missing = [a, b].filter((n) => !find(n));
  if (missing.length) {
    say(
      `compare: no run ${missing.join(' or ')}; ${runs.length ? `the list has ${runs.map((r) => r.number).join(', ')}` : 'the list is empty: run the cell first'}`,
    );
    return;
  }
  const ra = find(a)!;
  const rb = find(b)!;
  const c = await host.compare(ra.record, rb.record);
  say(`A: ${describeRun(ra)}`);
  say(`B: ${describeRun(rb)}`);
  say('');
  say(`${c.comparable ? 'COMPARABLE' : 'NOT COMPARABLE'}, ${!c.conclusive ? 'INCONCLUSIVE' : c.significant ? 'SIGNIFICANT' : 'NOT SIGNIFICANT'}`);
  say(c.summary.replace(/(\.) (?=[A-Z])/g, '$1\n'));
}

/** The native CLI target that runs the same work as a page target, when the spec allows it. */
function nativeTarget(target: Target, cell: CellContext): Target | undefined {
  const t = targetInfo(target)?.native;
  return t && isTarget(t) && cell.specTargets.includes(t) ? t : undefined;
}

function quote(v: string): string {
  return /^[\w.,:/+-]+$/.test(v) ? v : `'${v.replace(/'/g, "'\\''")}'`;
}

/** `help` and `help COMMAND`. */
export function helpText(topic?: string): string {
  if (topic) {
    const c = COMMAND_HELP.find((h) => h.name === topic);
    if (c) return `${c.usage}\n  ${c.what}`;
  }
  const width = Math.max(...COMMAND_HELP.map((c) => c.usage.length));
  return [
    "Commands (the words of the workbook command line, on this cell's spec):",
    ...COMMAND_HELP.map((c) => `  ${c.usage.padEnd(width)}  ${c.what}`),
    '',
    'This is not a system shell: nothing here reaches your files or your computer.',
    'Keys: Up and Down recall earlier lines, Tab completes a command, Ctrl+C stops a run.',
  ].join('\n');
}

/** The browser probe in lines: WebGPU and its adapter, isolation, the timer's step. */
export function formatProbe(p: BrowserProbe): string {
  const lines: string[] = [];
  if (p.webgpu.available) {
    const a = p.webgpu.adapter;
    lines.push(`WebGPU: available, adapter ${a.vendor} / ${a.architecture}${a.description ? ` (${a.description})` : ''}`);
    lines.push(
      a.isFallbackAdapter
        ? '  a CPU fallback adapter (software, such as SwiftShader): WebGPU timings describe your processor, not a graphics card'
        : '  a hardware adapter',
    );
    const has = (f: string) => (a.features.includes(f) ? 'yes' : 'no');
    lines.push(
      `  timestamp-query (GPU timestamps): ${has('timestamp-query')}, shader-f16 (16-bit floats): ${has('shader-f16')}; ${a.features.length} feature${a.features.length === 1 ? '' : 's'} in all`,
    );
    lines.push(
      `  limits: ${Object.entries(a.limits)
        .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
        .join(', ')}`,
    );
  } else {
    lines.push(`WebGPU: not available. ${p.webgpu.reason}`);
  }
  lines.push(
    `cross-origin isolated: ${p.crossOriginIsolated ? 'yes (fine timers, WebAssembly threads allowed)' : 'no (coarse timers, WebAssembly on one thread): the server sent no COOP/COEP headers'}`,
  );
  lines.push(`timer step (performance.now): ${Number.isFinite(p.timerResolutionMs) ? formatDuration(p.timerResolutionMs) : 'not measurable'}`);
  lines.push(`secure context: ${p.secureContext ? 'yes' : 'no (WebGPU needs https or localhost)'}`);
  lines.push(`user agent: ${p.userAgent}`);
  return lines.join('\n');
}

/** `validate`'s answer: one `file:line:col: message` per problem, then a count. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], file: string): string {
  if (!diagnostics.length) return `${file}: no problems; the spec follows the schema and the rules`;
  const { errors, warnings } = countDiagnostics(diagnostics);
  const lines = diagnostics.map((d) => formatDiagnostic(d, file));
  lines.push(`${errors} error(s), ${warnings} warning(s)`);
  return lines.join('\n');
}

/** The cell's list of runs as a small table. */
export function formatRuns(runs: readonly RunView[]): string {
  if (!runs.length) return 'no runs yet: press Run, or type run';
  const rows = runs.map((r) => [
    String(r.number),
    r.record.target,
    formatParams(r.record.parameters, { empty: '-' }),
    formatDuration(r.record.statistics.median),
    r.record.validity.valid ? 'VALID' : 'INVALID',
    r.origin,
  ]);
  return formatTextTable(['#', 'target', 'parameters', 'median', 'verdict', 'from'], rows);
}

function describeRun(r: RunView): string {
  const params = formatParams(r.record.parameters, { empty: '' });
  return `run ${r.number}, ${r.record.spec.id} on ${r.record.target}${params ? `, ${params}` : ''} (${r.origin})`;
}
