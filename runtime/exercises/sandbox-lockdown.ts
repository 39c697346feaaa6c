/**
 * Hardening of the sandbox's realm before the learner's code runs, after SES's `lockdown()`: every
 * ECMAScript intrinsic (Math, JSON, Object, Array, Map, Promise, ... with their prototypes, the hidden
 * ones too: iterator, generator and async-function prototypes, %TypedArray%) is frozen, and the global
 * names that hold them are made read-only. The learner's code, the exercise's prelude and its tests share
 * one realm, so without this `Math.abs = () => 0` or a patched `Map.prototype.has` at the top of an
 * answer rewrites what the tests compute with, or reads what they keep (the hidden machine's numbers).
 *
 * What it does not do (documented in exercises/README.md): the global object itself stays extensible,
 * and host objects (a browser worker's `self`, `fetch`, timers) are not frozen; the browser sandbox gives
 * instant feedback only, the grade is the grader's (Node's vm context has none of those).
 *
 * Written as JavaScript source (a function expression evaluated in the sandbox), like SANDBOX_RUNNER.
 */

/** Global names of the standard library that are frozen and made read-only on the global object. */
export const HARDENED_GLOBALS = [
  'Object',
  'Function',
  'Array',
  'Number',
  'Boolean',
  'String',
  'Symbol',
  'BigInt',
  'Math',
  'JSON',
  'Reflect',
  'Proxy',
  'Promise',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'WeakRef',
  'FinalizationRegistry',
  'Date',
  'RegExp',
  'Error',
  'EvalError',
  'RangeError',
  'ReferenceError',
  'SyntaxError',
  'TypeError',
  'URIError',
  'AggregateError',
  'SuppressedError',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Atomics',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float16Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'Intl',
  'WebAssembly',
  'Iterator',
  'DisposableStack',
  'AsyncDisposableStack',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'encodeURI',
  'encodeURIComponent',
  'decodeURI',
  'decodeURIComponent',
  'escape',
  'unescape',
  'eval',
] as const;

/**
 * `(function lockdown(global) { ... })`: freezes what is reachable from HARDENED_GLOBALS and the hidden
 * intrinsics, and makes those globals read-only. Some prototype properties are turned into accessors
 * first (SES's "override taming"), so that `this.name = 'MyError'` in a subclass of Error, or
 * `obj.toString = ...` on a plain object, still defines its own property instead of throwing on the
 * frozen prototype's read-only one.
 */
export const LOCKDOWN_SOURCE = `(function lockdown(global) {
  "use strict";
  const names = ${JSON.stringify(HARDENED_GLOBALS)};
  const getProto = Object.getPrototypeOf;
  const hidden = [
    getProto([][Symbol.iterator]()), getProto(new Map().entries()), getProto(new Set().values()),
    getProto(''[Symbol.iterator]()), getProto(/a/[Symbol.matchAll]('')),
    getProto(function* () {}), getProto(async function () {}), getProto(async function* () {}),
    getProto((function* () {})()), getProto((async function* () {})()),
    getProto(Int8Array),
  ];
  const tame = (obj, key) => {
    const d = Object.getOwnPropertyDescriptor(obj, key);
    if (!d || !('value' in d) || !d.configurable) return;
    const value = d.value;
    Object.defineProperty(obj, key, {
      get() { return value; },
      set(v) {
        if (this === obj) throw new TypeError('Cannot assign to read only property ' + String(key) + ' of a built-in prototype');
        Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
      },
      enumerable: d.enumerable,
      configurable: false,
    });
  };
  for (const key of ['constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable']) tame(Object.prototype, key);
  for (const key of ['constructor', 'toString', 'name']) tame(Function.prototype, key);
  for (const E of [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, typeof AggregateError === 'function' ? AggregateError : Error]) {
    for (const key of ['constructor', 'name', 'message', 'toString']) tame(E.prototype, key);
  }
  for (const key of ['constructor', 'toString', 'push']) tame(Array.prototype, key);
  const roots = [...hidden];
  for (const name of names) if (name in global) roots.push(global[name]);
  const seen = new Set();
  while (roots.length) {
    const o = roots.pop();
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || o === global || seen.has(o)) continue;
    seen.add(o);
    Object.freeze(o);
    roots.push(getProto(o));
    for (const key of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, key);
      if (!d) continue;
      if ('value' in d) roots.push(d.value);
      else roots.push(d.get, d.set);
    }
  }
  for (const name of names) {
    if (!Object.prototype.hasOwnProperty.call(global, name)) continue;
    const d = Object.getOwnPropertyDescriptor(global, name);
    if (d && d.configurable) Object.defineProperty(global, name, { value: global[name], writable: false, enumerable: d.enumerable, configurable: false });
  }
})`;
