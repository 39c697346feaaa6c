// The terminal pane under a cell: xterm for the screen, runtime/terminal for the words. It shows the
// run log as it happens and takes the `workbook` commands. xterm loads here, on the cell's first use.
import { COMMAND_HELP, LineEditor, runCommandLine } from '../../runtime/terminal/index.ts';
import type { TerminalStore } from './store.ts';
import { loadStylesheet } from './stylesheet.ts';
import xtermCss from '@xterm/xterm/css/xterm.css?url';

const THEME = {
  background: '#17181c',
  foreground: '#e4e4e7',
  cursor: '#e4e4e7',
  selectionBackground: '#3f4a63',
};

/** Replaces the cell's "Open the terminal" placeholder with a live terminal. */
export async function mountTerminal(container: HTMLElement, controller: TerminalStore): Promise<void> {
  const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit'), loadStylesheet(xtermCss)]);
  const { id } = controller.meta;
  const label = document.createElement('p');
  label.className = 'bc-terminal-label';
  label.textContent = `Terminal for this cell: the workbook's commands on ${id} (type help). Esc leaves the terminal.`;
  const box = document.createElement('div');
  box.className = 'bc-terminal not-content';
  container.replaceChildren(label, box);

  const term = new Terminal({ convertEol: true, cursorBlink: true, fontSize: 13, rows: 14, scrollback: 5000, theme: THEME });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(box);
  term.textarea?.setAttribute('aria-label', `Terminal for the ${id} cell: type a command, Enter runs it, Esc leaves`);
  const refit = () => {
    if (box.clientWidth > 0) fit.fit();
  };
  refit();
  new ResizeObserver(refit).observe(box);
  // Tab completes a command; Esc and Shift+Tab hand the keyboard back to the page (no keyboard trap).
  term.attachCustomKeyEventHandler((event) => {
    if (event.type === 'keydown' && event.key === 'Escape') {
      term.blur();
      return false;
    }
    return !(event.key === 'Tab' && event.shiftKey);
  });

  const editor = new LineEditor({ prompt: `${id}$ `, words: COMMAND_HELP.map((c) => c.name) });
  let busy = false;
  const host = controller.terminalHost(
    (text) => term.write(text),
    () => term.clear(),
  );
  term.writeln(`Benchmark cell ${id}: the workbook's commands, run by the engine in this browser. Type help.`);
  term.write(editor.prompt);

  // Log lines of runs started with the Run button appear above the prompt and what is typed on it.
  controller.onLog((line) => {
    if (busy) term.write(`${line}\n`);
    else term.write(`\r\x1b[2K${line}\n${editor.redraw()}`);
  });

  term.onData(async (data) => {
    if (busy) {
      // While a command works, only Ctrl+C counts: it stops the run.
      if (data.includes('\x03') && host.stop()) term.write('^C (stopping; the run keeps what it measured)\n');
      return;
    }
    const out = editor.feed(data);
    if (out.clearScreen) term.clear();
    if (out.interrupt) host.stop();
    term.write(out.echo);
    if (!out.lines.length) return;
    busy = true;
    try {
      for (const line of out.lines) await runCommandLine(line, controller.context, host);
    } finally {
      busy = false;
      term.write(editor.prompt);
    }
  });
  controller.setTerminalFocus(() => {
    term.focus();
    box.scrollIntoView({ block: 'nearest' });
  });
}
