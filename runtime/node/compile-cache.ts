import { enableCompileCache, getCompileCacheDir } from 'node:module';

/**
 * The environment for worker threads with Node's module compile cache on: V8's code for the modules (the
 * TypeScript stripped and compiled) is kept on disk, under os.tmpdir() unless NODE_COMPILE_CACHE names a
 * folder, so each grading thread loads its modules from it instead of compiling them again (~0.2 CPU-s
 * a thread here). A quiet optimisation, as Node designs it: checked against the sources, never an error
 * (a cache that cannot be written is simply not used), off with NODE_DISABLE_COMPILE_CACHE=1.
 */
export function withCompileCache(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (env.NODE_DISABLE_COMPILE_CACHE) return env;
  const directory = getCompileCacheDir() ?? enableCompileCache().directory;
  return directory ? { ...env, NODE_COMPILE_CACHE: directory } : env;
}
