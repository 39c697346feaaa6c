// The one place a cell's parts meet: the controller (state and runs), the results view and the
// terminal pane (each given the store it reads), and the element's containers they render into.
// Loaded by <bench-cell> (src/cell/element.ts) on the cell's first use.
import { engineClient } from './client.ts';
import { CellController } from './controller.ts';
import type { CellHost } from './types.ts';

/** Sets up a cell on its first use: the results view and the terminal, then the worker's probe. */
export async function startCell(host: CellHost): Promise<CellController> {
  const controller = new CellController(host);
  engineClient().warmUp();
  const [{ mountResults }, { mountTerminal }] = await Promise.all([import('./results/mount.tsx'), import('./terminal-pane.ts')]);
  const { results, terminal } = host.viewContainers();
  await Promise.all([mountResults(results, controller), mountTerminal(terminal, controller)]);
  // Queued in the worker ahead of the first run, so it never lands inside a measurement.
  controller.probe().catch(() => undefined);
  return controller;
}
