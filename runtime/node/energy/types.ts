// What an energy reading of one run says, and the interface the native run path reads it through
// (runtime/node/runners.ts: runOnNode). A figure appears only when a counter was read; otherwise the
// record says "not available" and why.

/** Energy of one domain (a RAPL package or DRAM zone, one GPU board) over the timed region. */
export interface DomainEnergy {
  /** `rapl:package-0`, `rapl:package-0/dram`, `nvidia:0`. */
  domain: string;
  /** What the counter covers, in words: `CPU package`, `DRAM`, `GPU board (NVIDIA H200)`. */
  covers: string;
  /** Energy the counter advanced over the timed region (J). */
  grossJ: number;
  /** Idle power measured before the run (W), and what it accounts for over the region (J). */
  idleW: number;
  idleJ: number;
  /** grossJ - idleJ: what the run added over idle. */
  netJ: number;
  /** How it was read. */
  method: string;
}

export type EnergyReading =
  | {
      status: 'not available';
      /** Why nothing could be read: one sentence per source tried. */
      reasons: string[];
    }
  | {
      status: 'measured';
      domains: DomainEnergy[];
      /** The timed region (the measure phase): its length, the iterations and items it ran. */
      windowMs: number;
      iterations: number;
      items: number;
      /** Sums over the domains. */
      grossJ: number;
      idleJ: number;
      netJ: number;
      /** netJ / items; null when the region ran no item, or used no more than idle (netJ <= 0: idle noise, see notes). */
      joulesPerItem: number | null;
      /** How long idle power was measured before the run. */
      idleMeasuredMs: number;
      /** Sources that could not be read (the others were), and what a reader must know. */
      notes: string[];
    };

/** Opened before a run; `mark` at each report of the timed phase, `end` after the run. */
export interface EnergyWindow {
  /** The timed phase was reported at `atMs` (performance.now) with this many iterations run so far. */
  mark(atMs: number, iterations: number): void;
  /** The reading over the first to the last mark; `itemsPerIteration` from the runner's work. */
  end(itemsPerIteration: number): Promise<EnergyReading>;
}

/** Energy counters of a machine: `begin` measures idle power, then watches the run. */
export interface EnergyProbe {
  begin(log: (line: string) => void): Promise<EnergyWindow>;
}
