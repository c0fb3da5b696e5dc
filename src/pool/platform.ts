// Where workers come from: worker_threads in Node, Web Workers in browsers, behind one small
// interface, and the comlink endpoint each side talks through. Node built-ins are loaded by a
// computed specifier at run time, so browser bundles never see them.
// Invariant: a spawned worker reports its death (exit or uncaught error) through `onFailure`.

import type { Endpoint } from 'comlink';
import * as Comlink from 'comlink';

/** A worker the pool or the async prover drives through comlink. */
export interface SpawnedWorker {
  readonly endpoint: Endpoint;
  /** The underlying Worker (node:worker_threads or Web), for resource limits or diagnostics. */
  readonly raw: unknown;
  /** Called once if the worker dies or throws outside a job. */
  onFailure(cb: (why: string) => void): void;
  terminate(): Promise<void>;
}

/** The worker scripts in worker/: a pool helper or the whole prover. */
export type WorkerScript = 'helper' | 'prover';

/** Starts a worker running worker/<script>; override to use a bundler's worker URLs. */
export type SpawnWorker = (script: WorkerScript) => Promise<SpawnedWorker>;

export const isNode: boolean =
  typeof process !== 'undefined' && typeof process.versions === 'object' && !!process.versions.node;

/** Imports a Node built-in without letting a bundler see the specifier. */
export function nodeImport<T>(name: string): Promise<T> {
  const spec = `node:${name}`;
  return import(/* @vite-ignore */ spec) as Promise<T>;
}

/** comlink's Node adapter (worker_threads ports as endpoints); it ships no declaration for this path. */
async function nodeAdapter(): Promise<(port: unknown) => Endpoint> {
  // @ts-expect-error: comlink/dist/esm/node-adapter.mjs has no .d.mts
  const mod = await import('comlink/dist/esm/node-adapter.mjs');
  return (mod as { default: (port: unknown) => Endpoint }).default;
}

/** True when running the TypeScript sources (tests, tsx) rather than the compiled package. */
const fromSource = import.meta.url.endsWith('.ts');

function scriptUrl(script: WorkerScript): URL {
  // A concatenation, not a template: bundlers rewrite \`new URL(template, import.meta.url)\` into
  // asset globs. Pages that bundle the library pass their own `spawn` (see web/prove-worker.ts).
  const file = '../../worker/' + script + (fromSource ? '.ts' : '.js');
  return new URL(file, import.meta.url);
}

type NodeWorker = import('node:worker_threads').Worker;

async function spawnNode(script: WorkerScript): Promise<SpawnedWorker> {
  const wt = await nodeImport<typeof import('node:worker_threads')>('worker_threads');
  const nodeEndpoint = await nodeAdapter();
  // From the TypeScript sources (tests), the worker registers tsx's loader before loading it.
  const url = scriptUrl(script).href;
  const w: NodeWorker = fromSource
    ? new wt.Worker(
        `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(url)}); });`,
        { eval: true },
      )
    : new wt.Worker(new URL(url));
  let failed = false;
  const failures: ((why: string) => void)[] = [];
  const fail = (why: string) => {
    if (failed) return;
    failed = true;
    for (const cb of failures) cb(why);
  };
  let terminating = false;
  w.on('error', (e) => fail(`worker error: ${e instanceof Error ? e.message : String(e)}`));
  w.on('exit', (code) => {
    if (!terminating) fail(`worker exited with code ${code}`);
  });
  return {
    endpoint: nodeEndpoint(w),
    raw: w,
    onFailure: (cb) => failures.push(cb),
    terminate: async () => {
      terminating = true;
      await w.terminate();
    },
  };
}

async function spawnWeb(script: WorkerScript): Promise<SpawnedWorker> {
  const w = new Worker(scriptUrl(script), { type: 'module' });
  return webWorker(w);
}

/** Wraps a Web Worker (for callers that construct their own, e.g. with a bundler's URL). */
export function webWorker(w: Worker): SpawnedWorker {
  const failures: ((why: string) => void)[] = [];
  let failed = false;
  w.addEventListener('error', (e) => {
    if (failed) return;
    failed = true;
    for (const cb of failures) cb(`worker error: ${(e as ErrorEvent).message ?? 'unknown'}`);
  });
  return {
    endpoint: w as unknown as Endpoint,
    raw: w,
    onFailure: (cb) => failures.push(cb),
    terminate: async () => w.terminate(),
  };
}

export const defaultSpawn: SpawnWorker = (script) => (isNode ? spawnNode(script) : spawnWeb(script));

/** Threads the machine offers: os.availableParallelism() in Node, hardwareConcurrency in browsers. */
export async function availableThreads(): Promise<number> {
  if (isNode) {
    const os = await nodeImport<typeof import('node:os')>('os');
    return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  }
  const n = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return Math.max(1, n ?? 1);
}

/** Serves `api` to the thread that started this worker (no top-level await: a promise chain). */
export function exposeToParent(api: object): void {
  if (!isNode) {
    Comlink.expose(api);
    return;
  }
  Promise.all([nodeImport<typeof import('node:worker_threads')>('worker_threads'), nodeAdapter()]).then(
    ([{ parentPort }, nodeEndpoint]) => {
      if (parentPort) Comlink.expose(api, nodeEndpoint(parentPort));
    },
  );
}
