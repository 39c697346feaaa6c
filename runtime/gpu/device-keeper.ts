/// <reference types="@webgpu/types" />
import { PipelineCache, type PreparedBy } from './pipeline-cache.ts';

/** A device and the adapter it came from (an adapter gives one device: a new device needs a new adapter). */
export interface OpenedDevice {
  adapter: GPUAdapter;
  device: GPUDevice;
}

/** The device a worker (or a CLI process) keeps across runs, with its pipelines and how it came to be. */
export interface KeptDevice extends OpenedDevice {
  pipelines: PipelineCache;
  createdBy: PreparedBy;
  /** Adapter request and device creation, in ms. */
  createMs: number;
  /** Set when this device replaced one that was lost: why that one was lost. */
  replacedLost?: string;
  /** Set once this device is lost: its reason and message. */
  lost?: string;
}

/**
 * Keeps one GPUDevice and hands it to every run and prestart, so creating a device (seconds on a
 * software adapter such as SwiftShader) happens once, not in every run's setup. A lost device is
 * dropped as soon as its `lost` promise settles; the next acquire opens a new adapter and device,
 * and that device's record says what happened to the one before it.
 */
export class DeviceKeeper {
  private current: Promise<KeptDevice> | undefined;
  private live: KeptDevice | undefined;
  private lastLoss: string | undefined;
  private readonly open: () => Promise<OpenedDevice>;
  private readonly clock: () => number;

  /** `open` requests a fresh adapter and a device from it. */
  constructor(open: () => Promise<OpenedDevice>, clock: () => number = () => performance.now()) {
    this.open = open;
    this.clock = clock;
  }

  /** The kept device when one is ready and not known to be lost; never creates one. */
  get ready(): KeptDevice | undefined {
    return this.live;
  }

  /**
   * The kept device, or a new one created on behalf of `by` when there is none yet or the last was lost.
   * `createdNow` is true only for the call that created it. A failed creation is not kept: the next call tries again.
   */
  async acquire(by: PreparedBy): Promise<{ kept: KeptDevice; createdNow: boolean }> {
    if (this.current) {
      const kept = await this.current.catch(() => undefined);
      // Lost while we waited, or its creation failed (that caller got the error): open a new one.
      if (kept && kept === this.live) return { kept, createdNow: false };
    }
    return { kept: await this.create(by), createdNow: true };
  }

  private create(by: PreparedBy): Promise<KeptDevice> {
    const began = this.clock();
    const creating = this.open().then(({ adapter, device }): KeptDevice => {
      const kept: KeptDevice = {
        adapter,
        device,
        pipelines: new PipelineCache(device, this.clock),
        createdBy: by,
        createMs: this.clock() - began,
        ...(this.lastLoss ? { replacedLost: this.lastLoss } : {}),
      };
      this.lastLoss = undefined;
      this.live = kept;
      void device.lost.then((info) => {
        kept.lost = `${info.reason}${info.message?.trim() ? `: ${info.message.trim()}` : ''}`;
        if (this.live !== kept) return;
        this.live = undefined;
        this.current = undefined;
        this.lastLoss = kept.lost;
      });
      return kept;
    });
    this.current = creating;
    creating.catch(() => {
      if (this.current === creating) this.current = undefined;
    });
    return creating;
  }
}
