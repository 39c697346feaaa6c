// <leakage-cell>: wires the form; the engine and the digits load on the first press (src/leakage/run.ts).
class LeakageCellElement extends HTMLElement {
  connectedCallback() {
    if (this.dataset.wired !== undefined) return;
    const form = this.querySelector('form')!;
    const button = this.querySelector<HTMLButtonElement>('.bc-run')!;
    const status = this.querySelector<HTMLElement>('[role="status"]')!;
    const results = this.querySelector<HTMLElement>('.bc-aa-results')!;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      button.disabled = true;
      try {
        const { runLeakageCell } = await import('./run.ts');
        await runLeakageCell({
          exact: Number(data.get('exact')),
          noisy: Number(data.get('noisy')),
          shifted: Number(data.get('shifted')),
          seed: Number(data.get('seed')),
          status: (t) => {
            status.textContent = t;
          },
          results,
        });
      } catch (e) {
        status.textContent = `Failed: ${e instanceof Error ? e.message : String(e)}`;
      } finally {
        button.disabled = false;
      }
    });
    this.dataset.wired = '';
  }
}

if (!customElements.get('leakage-cell')) customElements.define('leakage-cell', LeakageCellElement);
