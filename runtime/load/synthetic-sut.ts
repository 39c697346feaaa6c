import { randomExponential, randomLogNormal } from 'd3-random';
import { seededRandom } from '../data/random.ts';
import type { Query, Responder, Scheduler, SystemUnderTest } from './types.ts';

/** How long one sample takes to serve, in ms: fixed (an M/D/c queue), exponential (M/M/c) or log-normal. */
export type ServiceTime =
  | { kind: 'constant'; ms: number }
  | { kind: 'exponential'; meanMs: number }
  | { kind: 'lognormal'; medianMs: number; sigma: number };

/** A span during which the SUT does nothing (a GC pause, a thermal throttle, a swap): work resumes after it. */
export interface Stall {
  atMs: number;
  durationMs: number;
}

export interface SyntheticSutOptions {
  scheduler: Scheduler;
  service: ServiceTime;
  /** Samples served at once (servers of a c-server queue); 1 by default. */
  servers?: number;
  /** Stalls, in the scheduler's time. */
  stalls?: readonly Stall[];
  /** Seed of the service times (d3-random's LCG through runtime/data/random.ts). */
  seed?: number;
  /** The response for a sample (an accuracy run logs it); the sample index itself by default. */
  respond?: (sample: number) => unknown;
  /** Faults for tests and lessons: these query ids throw in issueQuery, or are never completed. */
  throwOn?: readonly number[];
  neverComplete?: readonly number[];
}

/**
 * A system under test made of arithmetic, for lessons and tests with known answers: samples queue first come
 * first served for `servers` servers, each takes a service time drawn from `service` with `seed`, and a query
 * completes when its last sample does. It computes nothing and returns at once from issueQuery (async issue);
 * completions are scheduled on the scheduler, so under a VirtualScheduler an M/M/1 queue of 100,000 queries
 * runs in a fraction of a second and matches queueing theory.
 */
export function syntheticSut(options: SyntheticSutOptions): SystemUnderTest {
  const { scheduler, service } = options;
  const servers = options.servers ?? 1;
  if (!(Number.isInteger(servers) && servers >= 1)) throw new RangeError(`syntheticSut: servers must be a whole number >= 1, got ${servers}`);
  const draw = serviceSampler(service, options.seed ?? 0);
  const stalls = [...(options.stalls ?? [])].sort((a, b) => a.atMs - b.atMs);
  for (const s of stalls) {
    if (!(s.durationMs >= 0 && Number.isFinite(s.atMs)))
      throw new RangeError(`syntheticSut: a stall needs a finite atMs and durationMs >= 0, got ${JSON.stringify(s)}`);
  }
  const throwOn = new Set(options.throwOn ?? []);
  const never = new Set(options.neverComplete ?? []);
  const respond = options.respond ?? ((sample: number) => sample);
  const queue: { query: Query; sample: number; index: number; state: QueryState }[] = [];
  let idle = servers;

  type QueryState = { left: number; responses: unknown[]; respond: Responder };

  const finishTime = (start: number, work: number): number => {
    // The SUT is frozen during a stall: work in progress resumes after it, work due to start waits for its end.
    let t = start;
    let left = work;
    for (const s of stalls) {
      const end = s.atMs + s.durationMs;
      if (end <= t) continue;
      if (s.atMs <= t) t = end;
      else if (s.atMs < t + left) {
        left -= s.atMs - t;
        t = end;
      } else break;
    }
    return t + left;
  };

  const startWork = () => {
    while (idle > 0 && queue.length > 0) {
      const job = queue.shift()!;
      idle--;
      scheduler.at(finishTime(scheduler.now(), draw()), () => {
        idle++;
        job.state.responses[job.index] = respond(job.sample);
        if (--job.state.left === 0 && !never.has(job.query.id)) job.state.respond.complete(job.state.responses);
        startWork();
      });
    }
  };

  return {
    name: `synthetic (${describeService(service)}, ${servers} server${servers > 1 ? 's' : ''}${stalls.length ? `, ${stalls.length} stall(s)` : ''})`,
    asyncIssue: true,
    issueQuery(query, responder) {
      if (throwOn.has(query.id)) throw new Error(`synthetic fault: query ${query.id} throws`);
      const state: QueryState = { left: query.samples.length, responses: [], respond: responder };
      query.samples.forEach((sample, index) => queue.push({ query, sample, index, state }));
      startWork();
    },
  };
}

/** A seeded sampler of service times (ms). */
export function serviceSampler(service: ServiceTime, seed: number): () => number {
  const rng = seededRandom(seed);
  switch (service.kind) {
    case 'constant':
      positive(service.ms, 'ms');
      return () => service.ms;
    case 'exponential': {
      positive(service.meanMs, 'meanMs');
      return randomExponential.source(rng)(1 / service.meanMs);
    }
    case 'lognormal': {
      positive(service.medianMs, 'medianMs');
      positive(service.sigma, 'sigma');
      return randomLogNormal.source(rng)(Math.log(service.medianMs), service.sigma);
    }
  }
}

/** Mean service time (ms) of a distribution, for the closed forms. */
export function meanService(service: ServiceTime): number {
  if (service.kind === 'constant') return service.ms;
  if (service.kind === 'exponential') return service.meanMs;
  return service.medianMs * Math.exp((service.sigma * service.sigma) / 2);
}

function describeService(s: ServiceTime): string {
  if (s.kind === 'constant') return `constant ${s.ms} ms`;
  if (s.kind === 'exponential') return `exponential, mean ${s.meanMs} ms`;
  return `log-normal, median ${s.medianMs} ms, sigma ${s.sigma}`;
}

function positive(x: number, name: string): void {
  if (!(x > 0 && Number.isFinite(x))) throw new RangeError(`syntheticSut: service ${name} must be a finite number > 0, got ${x}`);
}
