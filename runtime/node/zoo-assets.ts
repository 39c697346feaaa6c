import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeDigits, sha256Hex } from '../models/assets.ts';
import { readMlp } from '../models/onnx-builder.ts';
import { parseModelCard, type ModelCard } from '../models/zoo/card.ts';
import { buildZooModel, zooCacheKey, zooContext, type BuiltModel } from '../models/zoo/build.ts';
import { ZOO, type ZooEntry } from '../models/zoo/entries.ts';
import { quantizeInt8 } from '../models/zoo/quantize.ts';
import { loadZooData } from './zoo-data.ts';

/**
 * Writes the model zoo into `dir` (the site: public/models/zoo): per model `<id>.onnx` and
 * `<id>.card.json`, the fresh MNIST pool `mnist-fresh.bin` (rotating test sets are drawn from it), and
 * `index.json` (the ids, files and checksums). A model whose card carries the same cache key and whose
 * ONNX file has the card's SHA-256 is kept as it is: a rebuild retrains nothing.
 */
export const ZOO_DIR = 'zoo';
export const ZOO_INDEX_FILE = 'index.json';
export const ZOO_FRESH_FILE = 'mnist-fresh.bin';

export interface ZooAssetsResult {
  /** Models built this time, and kept from the cache. */
  built: string[];
  cached: string[];
  cards: ModelCard[];
  ms: number;
}

export async function writeZooAssets(dir: string, options: { force?: boolean; log?: (line: string) => void } = {}): Promise<ZooAssetsResult> {
  const t0 = performance.now();
  const log = options.log ?? (() => {});
  await mkdir(dir, { recursive: true });
  const ctx = zooContext(loadZooData());
  const done = new Map<string, BuiltModel>();
  const built: string[] = [];
  const cached: string[] = [];
  for (const entry of ZOO) {
    const source = entry.kind === 'mnist-int8' ? done.get(entry.from) : undefined;
    const key = zooCacheKey(entry, ctx, source?.card.cacheKey);
    const kept = options.force ? undefined : await readCached(dir, entry, key, source);
    if (kept) {
      done.set(entry.id, kept);
      cached.push(entry.id);
      continue;
    }
    const t = performance.now();
    const model = buildZooModel(entry, ctx, source);
    // The card last: a card on disk means its model is complete.
    await rm(join(dir, cardFile(entry.id)), { force: true });
    await writeFile(join(dir, model.card.file), model.bytes);
    await writeFile(join(dir, cardFile(entry.id)), `${JSON.stringify(model.card, null, 2)}\n`);
    done.set(entry.id, model);
    built.push(entry.id);
    log(
      `zoo: ${entry.id} built in ${((performance.now() - t) / 1000).toFixed(1)} s, ${model.bytes.length} bytes, test accuracy ${(model.card.accuracy.test.value * 100).toFixed(2)} %`,
    );
  }
  const fresh = encodeDigits(ctx.mnist.fresh);
  await writeFile(join(dir, ZOO_FRESH_FILE), fresh);
  const cards = ZOO.map((e) => done.get(e.id)!.card);
  const index = {
    format: 'benchmark-carpentry/zoo-index',
    models: cards.map((c) => ({ id: c.id, file: c.file, card: cardFile(c.id), bytes: c.bytes, sha256: c.sha256 })),
    fresh: { file: ZOO_FRESH_FILE, bytes: fresh.length, sha256: sha256Hex(fresh) },
  };
  await writeFile(join(dir, ZOO_INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
  return { built, cached, cards, ms: performance.now() - t0 };
}

export function cardFile(id: string): string {
  return `${id}.card.json`;
}

/** The cached model when its card has `key` and its file the card's checksum; else undefined (rebuild). */
async function readCached(dir: string, entry: ZooEntry, key: string, source: BuiltModel | undefined): Promise<BuiltModel | undefined> {
  let card: ModelCard;
  let bytes: Uint8Array;
  try {
    card = parseModelCard(await readFile(join(dir, cardFile(entry.id)), 'utf8'), cardFile(entry.id));
    bytes = new Uint8Array(await readFile(join(dir, card.file)));
  } catch {
    return undefined;
  }
  if (card.cacheKey !== key || card.sha256 !== sha256Hex(bytes)) return undefined;
  // The JS reference's parameters: read back from a float model; an int8 model's are its source's, quantised again.
  if (entry.kind === 'mnist-int8') {
    if (!source) return undefined;
    return { card, bytes, parameters: quantizeInt8(source.parameters).dequantized };
  }
  return { card, bytes, parameters: readMlp(bytes) };
}

/** A zoo model read back from `dir`, checked against its card; `int8` parameters are rebuilt from its source. */
export async function readZooModel(dir: string, id: string): Promise<{ card: ModelCard; bytes: Uint8Array }> {
  const where = join(dir, cardFile(id));
  let text: string;
  try {
    text = await readFile(where, 'utf8');
  } catch {
    throw new Error(
      `${where}: no model card; is '${id}' in the zoo (${ZOO.map((m) => m.id).join(', ')}) and were the assets written (npx astro build)?`,
    );
  }
  const card = parseModelCard(text, where);
  const bytes = new Uint8Array(await readFile(join(dir, card.file)));
  const actual = sha256Hex(bytes);
  if (actual !== card.sha256)
    throw new Error(`${join(dir, card.file)}: SHA-256 ${actual} differs from its card's ${card.sha256}; rebuild the assets`);
  return { card, bytes };
}
