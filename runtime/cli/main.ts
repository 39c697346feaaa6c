import { runsOn, targetsOn } from '../targets/index.ts';

const USAGE = `workbook: the Benchmark Carpentry command line

  workbook lint [PATH...]                 check episodes and exercises (default: lessons/ and exercises/)
  workbook validate SPEC...               check benchmark specs (*.bench.yaml); exit 1 on errors
  workbook run SPEC [--target T] [--param k=v]... [--out FILE]
                                          run a spec here, print a table, write a result record;
                                          T is one of the spec's targets that run here: ${targetsOn('node').join(', ')}
                                          (${targetsOn('browser')
                                            .filter((t) => !runsOn(t, 'node'))
                                            .join(', ')} run in a page)
  workbook compare A.json B.json          are two results comparable, and is the difference real?
  workbook rerun RECORD.json [--target T] [--out FILE]
                                          rerun a record's spec, parameters and seed; diff the two records
  workbook diff A.json B.json             every field and number that differs, and what blocked reproduction
  workbook agent [--port N] [--allow-origin URL]   the local agent: the pages' native targets (127.0.0.1 only)
  workbook zoo [--out FILE]               the model zoo's report: IRT fit, adaptive testing, memorisation (slow: ~1.5 min)
  workbook sweep SPEC --param qps=A..B    the highest target QPS a server run meets its bound at (every point kept)
  workbook assign ASSIGNMENT ROSTER.csv --out DIR
                                          each learner's link to their own variants (links.csv)
  workbook grade ASSIGNMENT DIR [--roster R] [--shard i/n] [--jobs N] --out DIR
                                          re-check every submission with the hidden tests: gradebooks,
                                          grades.json, feedback per learner
  workbook grade --merge SHARD_DIR... --out DIR    join shards into the single run's outputs
  workbook grade ASSIGNMENT --classroom [DIR] [--learner ID]
                                          one learner's repository, scored for GitHub Classroom
  workbook help                           this text
`;

// Each command loads only what it needs.
const COMMANDS: Record<string, () => Promise<(args: string[]) => Promise<number>>> = {
  lint: async () => (await import('./lint-command.ts')).lintCommand,
  validate: async () => (await import('./validate-command.ts')).validateCommand,
  run: async () => (await import('./run-command.ts')).runCommand,
  compare: async () => (await import('./compare-command.ts')).compareCommand,
  rerun: async () => (await import('./rerun-command.ts')).rerunCommand,
  diff: async () => (await import('./diff-command.ts')).diffCommand,
  agent: async () => (await import('./agent-command.ts')).agentCommand,
  zoo: async () => (await import('./zoo-command.ts')).zooCommand,
  sweep: async () => (await import('./sweep-command.ts')).sweepCommand,
  grade: async () => (await import('./grade-command.ts')).gradeCommand,
  assign: async () => (await import('./assign-command.ts')).assignCommand,
};

/** Runs one CLI command and returns its exit code: 0 fine, 1 problems found, 2 bad usage. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  const load = COMMANDS[command];
  if (!load) {
    process.stderr.write(`workbook: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  return (await load())(rest);
}
