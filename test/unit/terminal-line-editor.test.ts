import { describe, expect, it } from 'vitest';
import { LineEditor } from '../../runtime/terminal/index.ts';

const UP = '\x1b[A';
const DOWN = '\x1b[B';
const LEFT = '\x1b[D';

/** Feeds keys one call at a time, as xterm does, and collects what came out. */
function type(editor: LineEditor, ...keys: string[]) {
  const lines: string[] = [];
  let echo = '';
  let interrupt = false;
  for (const k of keys) {
    const out = editor.feed(k);
    lines.push(...out.lines);
    echo += out.echo;
    interrupt ||= out.interrupt;
  }
  return { lines, echo, interrupt };
}

describe('LineEditor', () => {
  it('echoes printable characters and submits the line on Enter', () => {
    const e = new LineEditor();
    const out = type(e, 'h', 'e', 'l', 'p', '\r');
    expect(out.lines).toEqual(['help']);
    expect(out.echo).toBe('help\r\n');
    expect(e.line).toBe('');
  });

  it('deletes with Backspace, and edits in the middle of the line', () => {
    const e = new LineEditor();
    expect(type(e, 'r', 'u', 'x', '\x7f', 'n', '\r').lines).toEqual(['run']);
    // "cmpare", cursor back five, insert o: "compare"
    expect(type(e, 'cmpare', LEFT, LEFT, LEFT, LEFT, LEFT, 'o', '\r').lines).toEqual(['compare']);
    expect(type(e, '\x7f', '\x7f', '\r').lines).toEqual(['']); // Backspace on an empty line does nothing
  });

  it('walks the history with Up and Down and keeps the line being typed', () => {
    const e = new LineEditor();
    type(e, 'env\r', 'run --param n=64\r');
    const out = type(e, 'hel', UP, UP, UP, DOWN, DOWN);
    expect(e.line).toBe('hel');
    expect(out.echo).toContain('run --param n=64');
    type(e, UP);
    expect(e.line).toBe('run --param n=64');
    expect(type(e, '\r').lines).toEqual(['run --param n=64']);
    expect(e.entered).toEqual(['env', 'run --param n=64']); // a repeated line is stored once
  });

  it('takes a paste with several lines, \\r\\n counting as one Enter, and an escape sequence split over two calls', () => {
    const e = new LineEditor();
    expect(type(e, 'env\r\nruns\r\n').lines).toEqual(['env', 'runs']);
    type(e, 'ab', '\x1b[', 'D', 'X', '\r');
    expect(e.entered.at(-1)).toBe('aXb');
  });

  it('interrupts on Ctrl+C, dropping the line, and clears the line on Ctrl+U', () => {
    const e = new LineEditor({ prompt: '> ' });
    const out = type(e, 'run', '\x03');
    expect(out.interrupt).toBe(true);
    expect(out.echo.endsWith('^C\r\n> ')).toBe(true);
    expect(e.line).toBe('');
    type(e, 'abc', '\x15');
    expect(e.line).toBe('');
  });

  it('completes a command name with Tab when one fits, and lists them when several do', () => {
    const e = new LineEditor({ words: ['compare', 'clear', 'run'] });
    type(e, 'co', '\t');
    expect(e.line).toBe('compare ');
    const f = new LineEditor({ words: ['compare', 'clear', 'run'] });
    const out = type(f, 'c', '\t');
    expect(f.line).toBe('c');
    expect(out.echo).toContain('compare  clear');
  });

  it('reports Ctrl+L as a clear-screen request and ignores other control characters', () => {
    const e = new LineEditor();
    expect(e.feed('\x0c').clearScreen).toBe(true);
    type(e, 'a', '\x07', '\x1b[15~', 'b');
    expect(e.line).toBe('ab');
  });
});
