// The system under test's own worker (runtime/browser/load-ort-worker.ts starts it from the cell's worker):
// onnxruntime-web's WASM session lives here, so session.run blocks this thread, not the one that issues
// queries on schedule.
import { serveSut } from './load-ort-serve.ts';
import { openOrtWasm } from './load-ort-session.ts';
import type { SutPort } from './load-ort-protocol.ts';

serveSut(self as unknown as SutPort, openOrtWasm);
