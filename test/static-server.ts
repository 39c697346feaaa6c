// A static server for dist/ on loopback, for the benches and the browser tests. Isolated (the default): the
// headers `npm start` sends, on a port the system picks (`astro preview` refuses a second server in one
// project, so the bench could not run beside `npm start`). Not isolated: no COOP/COEP, like a plain static host.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm', // WebAssembly.instantiateStreaming needs this type
  '.xml': 'application/xml',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
};
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Serves `root` on 127.0.0.1 (port 0: any free port); resolves with its URL and a close function. */
export async function serveDist(root: string, port = 0, { isolated = true } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const base = path.resolve(root);
  const headers = isolated ? ISOLATION : {};
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let file = path.join(base, decodeURIComponent(url.pathname));
    if (file !== base && !file.startsWith(base + path.sep)) return void res.writeHead(403).end();
    if ((await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers }).end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...headers }).end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${bound}`, close: () => new Promise((r) => server.close(() => r())) };
}
