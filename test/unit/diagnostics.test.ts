import { describe, expect, it } from 'vitest';
import { countDiagnostics, formatDiagnostic, sortDiagnostics, type Diagnostic } from '../../runtime/diagnostics.ts';
import { lintLessons } from '../../runtime/lessons/index.ts';
import { loadSpec } from '../../runtime/spec/index.ts';
import { formatDiagnostics } from '../../runtime/terminal/dispatch.ts';

const at = (line: number, column: number, severity: Diagnostic['severity'] = 'error', path?: string): Diagnostic => ({
  line,
  column,
  severity,
  message: `m${line}.${column}`,
  ...(path ? { path } : {}),
});

describe('the one Diagnostic', () => {
  it('prints path:line:col: message, a warning marked as such', () => {
    expect(formatDiagnostic({ path: 'lessons/a.mdx', line: 3, column: 7, severity: 'error', message: 'bad' })).toBe('lessons/a.mdx:3:7: bad');
    expect(formatDiagnostic({ path: 'lessons/a.mdx', line: 3, column: 7, severity: 'warning', message: 'odd' })).toBe(
      'lessons/a.mdx:3:7: warning: odd',
    );
  });
  it('takes the file the user named over none, and prints line:col without one', () => {
    expect(formatDiagnostic(at(2, 5), 'x.bench.yaml')).toBe('x.bench.yaml:2:5: m2.5');
    expect(formatDiagnostic(at(2, 5))).toBe('2:5: m2.5');
  });
  it('sorts by file, line, column and counts errors and warnings', () => {
    const list = [at(9, 1, 'error', 'b'), at(2, 9, 'warning', 'a'), at(2, 3, 'error', 'a')];
    expect(sortDiagnostics(list).map((d) => formatDiagnostic(d))).toEqual(['a:2:3: m2.3', 'a:2:9: warning: m2.9', 'b:9:1: m9.1']);
    expect(countDiagnostics(list)).toEqual({ errors: 2, warnings: 1 });
  });
  it('is what a spec, a lesson and the terminal all report', () => {
    const spec = loadSpec('version: 2\nid: Bad Id\n', 'x.bench.yaml').diagnostics;
    expect(spec.length).toBeGreaterThan(0);
    expect(formatDiagnostics(spec, 'x.bench.yaml').split('\n')[0]).toBe(formatDiagnostic(spec[0]!, 'x.bench.yaml'));
    const lesson = lintLessons([{ path: 'lessons/Bad Name.mdx', source: '# no frontmatter\n' }]);
    expect(lesson[0]!.path).toBe('lessons/Bad Name.mdx');
    expect(formatDiagnostic(lesson[0]!)).toMatch(/^lessons\/Bad Name\.mdx:1:1: /);
  });
});
