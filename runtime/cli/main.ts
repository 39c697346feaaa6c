import { lintCommand } from './lint-command.ts';

const USAGE = `workbook: the Benchmark Carpentry command line

  workbook lint [PATH...]   check episodes (default: lessons/); path:line:col: message, exit 1 on errors
  workbook help             this text
`;

/** Runs one CLI command and returns its exit code: 0 fine, 1 problems found, 2 bad usage. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'lint':
      return lintCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`workbook: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
