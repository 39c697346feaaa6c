// <aa-cell>: the only script an A/A cell loads with the page. Run loads the engine (src/aa/run.ts) and the
// page's benchmark worker, shared with the other cells (runs take turns).
class AaCellElement extends HTMLElement {
  private stopWanted = false;

  connectedCallback() {
    if (this.dataset.wired !== undefined) return;
    const form = this.querySelector('form')!;
    const stop = this.querySelector<HTMLButtonElement>('.bc-stop')!;
    const run = this.querySelector<HTMLButtonElement>('.bc-run')!;
    const status = this.querySelector<HTMLElement>('[role="status"]')!;
    const results = this.querySelector<HTMLElement>('.bc-aa-results')!;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const pairs = Number(new FormData(form).get('pairs'));
      this.stopWanted = false;
      run.disabled = true;
      stop.disabled = false;
      try {
        const { runAaCell } = await import('./run.ts');
        await runAaCell({
          specText: this.dataset.specText ?? '',
          target: this.dataset.target ?? 'js',
          params: JSON.parse(this.dataset.params ?? '{}'),
          pairs,
          status: (text) => {
            status.textContent = text;
          },
          results,
          stopWanted: () => this.stopWanted,
        });
      } catch (e) {
        status.textContent = `Failed: ${e instanceof Error ? e.message : String(e)}`;
      } finally {
        run.disabled = false;
        stop.disabled = true;
      }
    });
    stop.addEventListener('click', () => {
      this.stopWanted = true;
      status.textContent = 'Stopping after the pair in progress…';
    });
    this.dataset.wired = '';
  }
}

if (!customElements.get('aa-cell')) customElements.define('aa-cell', AaCellElement);
