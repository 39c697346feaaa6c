import { parseSweepRange } from '../load/sweep.ts';
import { isTarget, runsOn, type Target } from '../targets/index.ts';
import { splitWords } from './words.ts';

/** What a cell's terminal knows about its cell, to check a command before anything runs. */
export interface CellContext {
  /** The spec's id: `matmul`. */
  specId: string;
  /** Where the spec lives in the project: `lessons/specs/matmul.bench.yaml` (for the CLI line it prints). */
  specFile: string;
  /** The targets this page can run, the spec's browser targets, first choice first. */
  targets: readonly Target[];
  /** Every target the spec names; the node-* ones need the agent. */
  specTargets: readonly Target[];
  /** The names of the spec's parameters. */
  parameters: readonly string[];
  /** The spec's native targets the paired agent runs now (none when no agent is connected). */
  nativeTargets?: readonly Target[];
  /**
   * A server spec's QPS sweep: its constraints.load.sweep range, or null when it names none (then `sweep`
   * needs --param qps=FROM..TO). Absent when the spec is not a server run: it has no sweep.
   */
  sweep?: { from: number; to: number; precision?: number } | null;
}

/** One command of the pane, checked and typed. */
export type Command =
  | { name: 'help'; topic?: string }
  | { name: 'env' }
  | { name: 'run'; target?: Target; params: Record<string, string> }
  | {
      name: 'sweep';
      target?: Target;
      /** The other parameters, fixed for every point. */
      params: Record<string, string>;
      range?: { from: number; to: number };
      precision?: number;
      maxPoints?: number;
    }
  | { name: 'compare'; a: number; b: number }
  | { name: 'validate' }
  | { name: 'runs' }
  | { name: 'stop' }
  | { name: 'clear' }
  | { name: 'agent'; action: 'status' | 'runs' | 'unpair' }
  | { name: 'agent'; action: 'pair'; link: string };

/** A parsed line: a command, nothing (an empty line), or why the line is not a command. */
export type ParseResult = { command: Command | null } | { error: string };

/** The commands, their usage and one line each: the `help` text and the unknown-command hint. */
export const COMMAND_HELP: readonly { name: Command['name']; usage: string; what: string }[] = [
  { name: 'help', usage: 'help [COMMAND]', what: 'this list, or how to use one command' },
  { name: 'env', usage: 'env', what: "what this browser offers: WebGPU adapter, cross-origin isolation, the timer's step" },
  { name: 'run', usage: 'run [--target T] [--param k=v]...', what: "run this cell's spec; unset options take the cell's controls" },
  {
    name: 'sweep',
    usage: 'sweep [--param qps=FROM..TO] [--precision QPS] [--max-points N] [--target T] [--param k=v]...',
    what: "find the highest target QPS at which this server cell's run is VALID: both ends, then bisection; every point joins the list",
  },
  { name: 'compare', usage: 'compare A B', what: 'compare runs A and B of the list: comparable or not, and is the difference real?' },
  { name: 'validate', usage: 'validate', what: "check this cell's spec against the schema and rules, with line numbers" },
  { name: 'runs', usage: 'runs', what: 'the runs made since the page opened, and result files loaded' },
  { name: 'stop', usage: 'stop', what: 'stop the run in progress, keeping what was measured (Ctrl+C does the same)' },
  { name: 'clear', usage: 'clear', what: 'clear the screen' },
  {
    name: 'agent',
    usage: 'agent status|runs|pair LINK|unpair',
    what: 'the local agent (`npx workbook agent` on your computer): is it connected, its runs, pair with the link it printed, unpair',
  },
];

const NOT_IN_PAGE: Record<string, string> = {
  lint: 'lint checks lesson files on disk: run `npx workbook lint` in a terminal on your computer',
  assign: 'assign is a command for course organisers on their own computer',
  grade: 'grade is a command for course organisers on their own computer',
};

/** The one-sentence reminder every unknown command gets. */
export const NOT_A_SHELL = "This terminal is not a system shell: it runs the workbook's commands on this cell's spec (type help for the list).";

/**
 * Reads one line of the pane. The words are the `workbook` CLI's (an optional leading `workbook` or
 * `npx workbook` is allowed, so lines copied from the lessons work); the spec is always this cell's.
 */
export function parseCommandLine(line: string, cell: CellContext): ParseResult {
  const split = splitWords(line);
  if (split.error) return { error: split.error };
  let words = split.words;
  if (words[0] === 'npx') words = words.slice(1);
  if (words[0] === 'workbook') words = words.slice(1);
  const [name, ...args] = words;
  if (name === undefined) return { command: null };
  switch (name) {
    case 'help':
    case '--help':
    case '-h':
      if (args.length > 1) return { error: 'help: give at most one command name' };
      if (args[0] !== undefined && !COMMAND_HELP.some((c) => c.name === args[0])) {
        return { error: `help: no command "${args[0]}"; commands are ${COMMAND_HELP.map((c) => c.name).join(', ')}` };
      }
      return { command: { name: 'help', ...(args[0] !== undefined ? { topic: args[0] } : {}) } };
    case 'env':
    case 'validate':
    case 'runs':
    case 'stop':
    case 'clear':
      return noArguments(name, args, cell);
    case 'run':
      return parseRun(args, cell);
    case 'sweep':
      return parseSweep(args, cell);
    case 'compare':
      return parseCompare(args);
    case 'agent':
      return parseAgent(args);
    default: {
      const why = NOT_IN_PAGE[name];
      if (why) return { error: `${name}: not available in the page; ${why}` };
      return { error: `${name}: unknown command. ${NOT_A_SHELL}` };
    }
  }
}

function noArguments(name: 'env' | 'validate' | 'runs' | 'stop' | 'clear', args: string[], cell: CellContext): ParseResult {
  // `validate matmul.bench.yaml` as on the command line: only this cell's spec can be meant.
  if (name === 'validate' && args.length === 1 && namesThisSpec(args[0]!, cell)) return { command: { name } };
  if (args.length) {
    const extra = name === 'validate' ? `; it checks this cell's spec (${cell.specId})` : '';
    return { error: `${name}: takes no arguments (got ${args.map((a) => JSON.stringify(a)).join(' ')})${extra}` };
  }
  return { command: { name } };
}

function namesThisSpec(arg: string, cell: CellContext): boolean {
  const base = arg.split('/').pop() ?? arg;
  return base === cell.specId || base === `${cell.specId}.bench.yaml`;
}

function parseRun(args: string[], cell: CellContext): ParseResult {
  let target: Target | undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--target' || flag === '--param' || flag === '--out') {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') return { error: `run: ${flag} needs a value` };
      if (flag === '--out') return { error: "run: --out writes a file on the command line; in the page, use the run's Download button in the list" };
      if (flag === '--target') {
        const checked = checkTarget(value, cell);
        if ('error' in checked) return checked;
        target = checked.target;
      } else {
        const eq = value.indexOf('=');
        if (eq <= 0) return { error: `run: --param ${value}: expected name=value, like --param ${cell.parameters[0] ?? 'n'}=64` };
        const key = value.slice(0, eq);
        if (!cell.parameters.includes(key)) {
          return {
            error: `run: unknown parameter "${key}"; ${cell.parameters.length ? `${cell.specId} has ${cell.parameters.join(', ')}` : `${cell.specId} has no parameters`}`,
          };
        }
        params[key] = value.slice(eq + 1);
      }
    } else if (arg.startsWith('-')) {
      return { error: `run: unknown option ${flag}; run takes --target T and --param k=v` };
    } else if (!namesThisSpec(arg, cell)) {
      return { error: `run: this cell runs ${cell.specId}; "${arg}" is another spec (other specs run in their own cells or in the benchmark lab)` };
    }
  }
  return { command: { name: 'run', ...(target ? { target } : {}), params } };
}

/** `sweep`: the words of `workbook sweep SPEC --param qps=FROM..TO`, on this cell's spec, in the page. */
function parseSweep(args: string[], cell: CellContext): ParseResult {
  if (cell.sweep === undefined)
    return { error: `sweep: searches the target QPS of a server run; ${cell.specId} is not one (run it at other settings with run --param k=v)` };
  const rest: string[] = [];
  let range: { from: number; to: number } | undefined;
  let precision: number | undefined;
  let maxPoints: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--precision' || flag === '--max-points' || (flag === '--param' && (inline ?? args[i + 1] ?? '').startsWith('qps='))) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') return { error: `sweep: ${flag} needs a value` };
      if (flag === '--precision') {
        precision = Number(value);
        if (!(precision > 0)) return { error: `sweep: --precision ${value}: expected a number of QPS more than 0` };
      } else if (flag === '--max-points') {
        maxPoints = Number(value);
        if (!(Number.isInteger(maxPoints) && maxPoints >= 2))
          return { error: `sweep: --max-points ${value}: expected a whole number, at least 2 (the bracket)` };
      } else {
        const r = parseSweepRange(value.slice('qps='.length), `sweep: --param ${value}`);
        if ('error' in r) return r;
        range = r;
      }
    } else
      rest.push(
        arg,
        ...(inline === undefined && (flag === '--param' || flag === '--target' || flag === '--out') && i + 1 < args.length ? [args[++i]!] : []),
      );
  }
  if (!range && !cell.sweep)
    return { error: `sweep: ${cell.specId} names no sweep range (constraints.load.sweep); give one, like sweep --param qps=20..200` };
  const run = parseRun(rest, cell);
  if ('error' in run)
    return {
      error: run.error
        .replace(/^run: /, 'sweep: ')
        .replace('run takes --target T and --param k=v', 'sweep takes --param qps=FROM..TO, --precision, --max-points, --target T and --param k=v'),
    };
  const parsed = run.command as Extract<Command, { name: 'run' }>;
  return {
    command: {
      name: 'sweep',
      ...(parsed.target ? { target: parsed.target } : {}),
      params: parsed.params,
      ...(range ? { range } : {}),
      ...(precision !== undefined ? { precision } : {}),
      ...(maxPoints !== undefined ? { maxPoints } : {}),
    },
  };
}

function checkTarget(value: string, cell: CellContext): { target: Target } | { error: string } {
  const choices = `this cell runs ${cell.targets.join(', ')}`;
  if (!isTarget(value)) return { error: `run: unknown target "${value}"; ${choices}` };
  const target = value;
  if (cell.targets.includes(target)) return { target };
  if (cell.nativeTargets?.includes(target)) return { target };
  if (!runsOn(target, 'browser') && cell.specTargets.includes(target)) {
    return {
      error: `run: ${target} runs natively through the agent, and no agent is connected: start \`npx workbook agent\` on your computer and open the link it prints (or type agent pair LINK); ${choices}`,
    };
  }
  return { error: `run: ${cell.specId} does not run on ${target}; ${choices}` };
}

function parseCompare(args: string[]): ParseResult {
  if (args.length !== 2) return { error: 'compare: give two run numbers from the list, like compare 1 2' };
  const numbers = args.map((a) => (/^#?\d+$/.test(a) ? Number(a.replace('#', '')) : NaN));
  const bad = args.find((_, i) => !(numbers[i]! >= 1));
  if (bad !== undefined) return { error: `compare: "${bad}" is not a run number; runs are numbered from 1 (see runs)` };
  if (numbers[0] === numbers[1]) return { error: 'compare: give two different runs' };
  return { command: { name: 'compare', a: numbers[0]!, b: numbers[1]! } };
}

const AGENT_USAGE = 'agent: say what to do: agent status, agent runs, agent pair LINK (the link `npx workbook agent` printed), agent unpair';

function parseAgent(args: string[]): ParseResult {
  const [action, ...rest] = args;
  if (action === undefined) return { command: { name: 'agent', action: 'status' } };
  if (action === 'pair') {
    if (rest.length !== 1)
      return { error: 'agent pair: give the whole link the agent printed, like agent pair http://localhost:4321/#agent=...&token=...' };
    return { command: { name: 'agent', action: 'pair', link: rest[0]! } };
  }
  if (action === 'status' || action === 'runs' || action === 'unpair') {
    if (rest.length) return { error: `agent ${action}: takes no arguments` };
    return { command: { name: 'agent', action } };
  }
  return { error: `${AGENT_USAGE} (not "${action}")` };
}
