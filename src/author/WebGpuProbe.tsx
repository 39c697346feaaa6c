import { useEffect, useState } from 'react';
import { probeBrowser, type BrowserProbe } from '../../runtime/browser/webgpu-probe.ts';
import { formatDuration } from '../../runtime/format/index.ts';

/** Shows what this browser offers for benchmarking: the real WebGPU adapter, isolation and timer. */
export default function WebGpuProbe() {
  const [probe, setProbe] = useState<BrowserProbe | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    probeBrowser().then(setProbe, (e: unknown) => setError(String((e as Error)?.message ?? e)));
  }, []);

  // The test id stands on every state: the island hydrates only once it is scrolled into view.
  if (error)
    return (
      <div className="bc-probe not-content" data-testid="webgpu-probe" role="alert">
        The probe failed: {error}
      </div>
    );
  if (!probe)
    return (
      <div className="bc-probe not-content" data-testid="webgpu-probe" aria-busy="true">
        Asking your browser for WebGPU…
      </div>
    );
  const { webgpu } = probe;
  return (
    <div className="bc-probe not-content" data-testid="webgpu-probe" aria-live="polite">
      <p className="bc-probe-status" data-webgpu={webgpu.available ? 'yes' : 'no'}>
        {webgpu.available ? (
          <>
            <strong>WebGPU is available.</strong>{' '}
            {webgpu.adapter.isFallbackAdapter
              ? 'This is a CPU fallback adapter (software rendering): timings describe your processor, not a graphics card.'
              : 'This is a hardware adapter.'}
          </>
        ) : (
          <>
            <strong>WebGPU is not available here.</strong> {webgpu.reason}
          </>
        )}
      </p>
      <dl>
        {webgpu.available && (
          <>
            <dt>Adapter</dt>
            <dd data-testid="adapter-vendor">
              {webgpu.adapter.vendor} / {webgpu.adapter.architecture}
              {webgpu.adapter.description ? ` (${webgpu.adapter.description})` : ''}
            </dd>
            <dt>Fallback (CPU) adapter</dt>
            <dd>{webgpu.adapter.isFallbackAdapter ? 'yes' : 'no'}</dd>
            <dt>Features</dt>
            <dd data-testid="adapter-features">{webgpu.adapter.features.join(', ') || 'none beyond the core'}</dd>
            <dt>Limits</dt>
            <dd>
              {Object.entries(webgpu.adapter.limits)
                .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
                .join(' · ')}
            </dd>
          </>
        )}
        <dt>Cross-origin isolated</dt>
        <dd data-testid="isolation">
          {probe.crossOriginIsolated
            ? 'yes: fine timers and WebAssembly threads are allowed'
            : 'no: the server sent no COOP/COEP headers, so timers are coarser and WebAssembly runs on one thread'}
        </dd>
        <dt>Timer step (performance.now)</dt>
        <dd data-testid="timer-resolution">
          {Number.isFinite(probe.timerResolutionMs) ? formatDuration(probe.timerResolutionMs, 'short') : 'not measurable'}
        </dd>
      </dl>
    </div>
  );
}
