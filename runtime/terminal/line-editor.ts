/** What the terminal should do after some keys: echo text, lines to run, an interrupt, a clear screen. */
export interface EditorOutput {
  /** Text to write to the terminal (echoed characters, redrawn lines, ANSI cursor moves). */
  echo: string;
  /** Lines submitted with Enter, in order (a paste may submit several). */
  lines: string[];
  /** Ctrl+C was pressed: stop the run in progress (the line being typed is dropped). */
  interrupt: boolean;
  /** Ctrl+L was pressed: clear the screen. */
  clearScreen: boolean;
}

export interface LineEditorOptions {
  /** The prompt written before each line. */
  prompt?: string;
  /** Words that Tab completes at the start of a line (the command names). */
  words?: readonly string[];
  /** Lines remembered for Up and Down. */
  historyLimit?: number;
}

const ESC = '\x1b';
/** Escape sequences xterm sends for the keys we handle (normal and application cursor mode). */
const KEYS: Record<string, string> = {
  '[A': 'up',
  OA: 'up',
  '[B': 'down',
  OB: 'down',
  '[C': 'right',
  OC: 'right',
  '[D': 'left',
  OD: 'left',
  '[H': 'home',
  OH: 'home',
  '[1~': 'home',
  '[F': 'end',
  OF: 'end',
  '[4~': 'end',
  '[3~': 'delete',
};

/**
 * The line editing of the terminal pane, without a terminal: it takes the keys xterm reports
 * (`onData`) and says what to echo and which lines were entered. Printable characters insert at the
 * cursor; Backspace and Delete; Left, Right, Home, End (and Ctrl+A, Ctrl+E); Up and Down walk the
 * history; Tab completes a command name; Ctrl+U clears the line; Ctrl+C interrupts; Ctrl+L clears.
 */
export class LineEditor {
  readonly prompt: string;
  private readonly words: readonly string[];
  private readonly historyLimit: number;
  private buffer = '';
  private cursor = 0;
  private readonly history: string[] = [];
  /** Position while walking the history; history.length means the line being typed. */
  private historyIndex = 0;
  private draft = '';
  /** An escape sequence that arrived in pieces. */
  private pending = '';
  private lastWasCr = false;

  constructor(options: LineEditorOptions = {}) {
    this.prompt = options.prompt ?? '$ ';
    this.words = options.words ?? [];
    this.historyLimit = options.historyLimit ?? 100;
  }

  /** The line typed so far. */
  get line(): string {
    return this.buffer;
  }

  /** The prompt and the line typed so far, with the cursor in place: written again after other output. */
  redraw(): string {
    const back = this.buffer.length - this.cursor;
    return `\r${ESC}[2K${this.prompt}${this.buffer}${back > 0 ? `${ESC}[${back}D` : ''}`;
  }

  /** The lines entered so far, oldest first. */
  get entered(): readonly string[] {
    return this.history;
  }

  feed(data: string): EditorOutput {
    const out: EditorOutput = { echo: '', lines: [], interrupt: false, clearScreen: false };
    let input = this.pending + data;
    this.pending = '';
    while (input.length) {
      if (input[0] === ESC) {
        const match = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(input);
        if (!match) {
          if (/^\x1b(\[[0-9;]*|O)?$/.test(input)) this.pending = input; // the rest comes with the next call
          input = '';
          break;
        }
        this.key(KEYS[match[1]!], out);
        input = input.slice(match[0].length);
        this.lastWasCr = false;
        continue;
      }
      const c = input[0]!;
      input = input.slice(1);
      if (c === '\n' && this.lastWasCr) {
        this.lastWasCr = false; // \r\n from a paste is one Enter
        continue;
      }
      this.lastWasCr = c === '\r';
      this.char(c, out);
    }
    return out;
  }

  private char(c: string, out: EditorOutput) {
    switch (c) {
      case '\r':
      case '\n':
        return this.enter(out);
      case '\x7f':
      case '\b':
        if (this.cursor === 0) return;
        this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
        this.cursor--;
        out.echo += this.cursor === this.buffer.length ? '\b \b' : this.redraw();
        return;
      case '\x03':
        out.echo += '^C\r\n';
        out.interrupt = true;
        this.reset();
        out.echo += this.prompt;
        return;
      case '\x15':
        this.buffer = '';
        this.cursor = 0;
        out.echo += this.redraw();
        return;
      case '\x01':
        return this.key('home', out);
      case '\x05':
        return this.key('end', out);
      case '\x0c':
        out.clearScreen = true;
        return;
      case '\t':
        return this.complete(out);
      default:
        if (c < ' ') return; // other control characters do nothing
        this.buffer = this.buffer.slice(0, this.cursor) + c + this.buffer.slice(this.cursor);
        this.cursor++;
        out.echo += this.cursor === this.buffer.length ? c : this.redraw();
    }
  }

  private key(name: string | undefined, out: EditorOutput) {
    switch (name) {
      case 'left':
        if (this.cursor > 0) {
          this.cursor--;
          out.echo += `${ESC}[D`;
        }
        return;
      case 'right':
        if (this.cursor < this.buffer.length) {
          this.cursor++;
          out.echo += `${ESC}[C`;
        }
        return;
      case 'home':
        this.cursor = 0;
        out.echo += this.redraw();
        return;
      case 'end':
        this.cursor = this.buffer.length;
        out.echo += this.redraw();
        return;
      case 'delete':
        if (this.cursor < this.buffer.length) {
          this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
          out.echo += this.redraw();
        }
        return;
      case 'up':
      case 'down': {
        const next = this.historyIndex + (name === 'up' ? -1 : 1);
        if (next < 0 || next > this.history.length) return;
        if (this.historyIndex === this.history.length) this.draft = this.buffer;
        this.historyIndex = next;
        this.buffer = next === this.history.length ? this.draft : this.history[next]!;
        this.cursor = this.buffer.length;
        out.echo += this.redraw();
        return;
      }
      default:
      // keys we do not handle (function keys, Page Up...) do nothing
    }
  }

  private enter(out: EditorOutput) {
    const line = this.buffer;
    out.echo += '\r\n';
    out.lines.push(line);
    if (line.trim() && this.history.at(-1) !== line) {
      this.history.push(line);
      if (this.history.length > this.historyLimit) this.history.shift();
    }
    this.reset();
  }

  private reset() {
    this.buffer = '';
    this.cursor = 0;
    this.draft = '';
    this.historyIndex = this.history.length;
  }

  private complete(out: EditorOutput) {
    const before = this.buffer.slice(0, this.cursor);
    if (/\s/.test(before)) return; // only the command name is completed
    const matches = this.words.filter((w) => w.startsWith(before));
    if (matches.length === 1) {
      const rest = `${matches[0]!.slice(before.length)} `;
      this.buffer = before + rest + this.buffer.slice(this.cursor);
      this.cursor += rest.length;
      out.echo += this.redraw();
    } else if (matches.length > 1) {
      out.echo += `\r\n${matches.join('  ')}\r\n${this.redraw()}`;
    }
  }
}
