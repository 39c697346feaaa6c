import { describe, expect, it } from 'vitest';
import { parseCommandLine, splitWords, type CellContext } from '../../runtime/terminal/index.ts';

const cell: CellContext = {
  specId: 'matmul',
  specFile: 'lessons/specs/matmul.bench.yaml',
  targets: ['browser-webgpu', 'js'],
  specTargets: ['browser-webgpu', 'node-webgpu', 'js'],
  parameters: ['n', 'variant'],
};
const parse = (line: string) => parseCommandLine(line, cell);

describe('splitWords', () => {
  it('splits on spaces and keeps quoted spaces and escapes inside a word', () => {
    expect(splitWords('  run  --param "a=b c" \'x y\' z\\ w ')).toEqual({ words: ['run', '--param', 'a=b c', 'x y', 'z w'] });
    expect(splitWords('say "a \\"quoted\\" word"')).toEqual({ words: ['say', 'a "quoted" word'] });
    expect(splitWords('empty "" word')).toEqual({ words: ['empty', '', 'word'] });
  });

  it('reports an unclosed quote instead of guessing', () => {
    expect(splitWords('run "n=3')).toEqual({ words: [], error: 'a double quote is not closed' });
    expect(splitWords("run 'n=3")).toEqual({ words: [], error: 'a single quote is not closed' });
  });
});

describe('parseCommandLine', () => {
  it('gives nothing for an empty line', () => {
    expect(parse('   ')).toEqual({ command: null });
  });

  it('reads run with targets and parameters, in both --flag value and --flag=value forms', () => {
    expect(parse('run')).toEqual({ command: { name: 'run', params: {} } });
    expect(parse('run --target js --param n=64 --param=variant=naive')).toEqual({
      command: { name: 'run', target: 'js', params: { n: '64', variant: 'naive' } },
    });
    expect(parse('run --target=browser-webgpu')).toEqual({ command: { name: 'run', target: 'browser-webgpu', params: {} } });
  });

  it('accepts lines copied from the command line: workbook and npx workbook, the spec file named', () => {
    expect(parse('npx workbook run lessons/specs/matmul.bench.yaml --param n=32')).toEqual({ command: { name: 'run', params: { n: '32' } } });
    expect(parse('workbook validate matmul.bench.yaml')).toEqual({ command: { name: 'validate' } });
  });

  it('refuses another spec, an unknown or native target, an unknown parameter, and --out, saying why', () => {
    expect(parse('run vector-add.bench.yaml')).toEqual({ error: expect.stringContaining('this cell runs matmul') });
    expect(parse('run --target gpu')).toEqual({ error: 'run: unknown target "gpu"; this cell runs browser-webgpu, js' });
    expect(parse('run --target node-webgpu')).toEqual({ error: expect.stringMatching(/^run: node-webgpu runs natively through the agent/) });
    expect(parse('run --target browser-wasm')).toEqual({ error: 'run: matmul does not run on browser-wasm; this cell runs browser-webgpu, js' });
    expect(parse('run --param m=3')).toEqual({ error: 'run: unknown parameter "m"; matmul has n, variant' });
    expect(parse('run --param n')).toEqual({ error: expect.stringContaining('expected name=value') });
    expect(parse('run --target')).toEqual({ error: 'run: --target needs a value' });
    expect(parse('run --out a.json')).toEqual({ error: expect.stringContaining('Download button') });
    expect(parse('run -v')).toEqual({ error: expect.stringContaining('unknown option -v') });
  });

  it('reads compare with two different run numbers', () => {
    expect(parse('compare 1 2')).toEqual({ command: { name: 'compare', a: 1, b: 2 } });
    expect(parse('compare #3 1')).toEqual({ command: { name: 'compare', a: 3, b: 1 } });
    expect(parse('compare 1')).toEqual({ error: expect.stringContaining('give two run numbers') });
    expect(parse('compare 0 2')).toEqual({ error: expect.stringContaining('"0" is not a run number') });
    expect(parse('compare a.json b.json')).toEqual({ error: expect.stringContaining('"a.json" is not a run number') });
    expect(parse('compare 2 2')).toEqual({ error: 'compare: give two different runs' });
  });

  it('reads the commands without arguments and refuses arguments to them', () => {
    for (const name of ['env', 'validate', 'runs', 'stop', 'clear'] as const) expect(parse(name)).toEqual({ command: { name } });
    expect(parse('env --all')).toEqual({ error: expect.stringMatching(/^env: takes no arguments/) });
    expect(parse('validate other.bench.yaml')).toEqual({ error: expect.stringContaining("it checks this cell's spec (matmul)") });
  });

  it('reads help and help COMMAND, and refuses help for an unknown command', () => {
    expect(parse('help')).toEqual({ command: { name: 'help' } });
    expect(parse('help run')).toEqual({ command: { name: 'help', topic: 'run' } });
    expect(parse('help ls')).toEqual({ error: expect.stringContaining('no command "ls"') });
  });

  it('says it is not a system shell for unknown commands, and where the CLI-only commands run', () => {
    expect(parse('ls -la')).toEqual({ error: expect.stringMatching(/^ls: unknown command\. This terminal is not a system shell/) });
    expect(parse('rm -rf /')).toEqual({ error: expect.stringContaining('not a system shell') });
    expect(parse('lint')).toEqual({ error: expect.stringContaining('npx workbook lint') });
  });
});
