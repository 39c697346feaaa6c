// For scripts/device-pack.sh: logs every module under node_modules that Node resolves (import and
// require alike) to $TRACE_OUT, so the device check carries exactly the files its commands load.
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const out = process.env.TRACE_OUT;
if (!out) throw new Error('device-trace-hook: set TRACE_OUT to the file that collects the resolved modules');
registerHooks({
  resolve(specifier, context, next) {
    const r = next(specifier, context);
    if (r.url?.includes('/node_modules/')) appendFileSync(out, `${r.url}\n`);
    return r;
  },
});
