import type { Engine } from '../engine.js';
import { expireMessages } from '../commands/messages.js';
import { fireDueTimers } from '../commands/timers.js';
import { releaseDueJobs } from './due-work.js';

/**
 * Looks for due work at a fixed interval: job time-outs and back-offs, due timers, expired
 * messages. Each round runs to completion before the next.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly engine: Engine,
    private readonly intervalMs = 100,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.round = this.runOnce()
        .catch(this.onError)
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    tick();
  }

  /** One round of due work, for tests that move the clock. */
  async runOnce(): Promise<void> {
    while ((await releaseDueJobs(this.engine)) > 0) {
      // keep going while whole batches were due
    }
    while ((await fireDueTimers(this.engine)) > 0) {
      // a timer that fires can make another one due (a cycle behind the clock)
    }
    await expireMessages(this.engine);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }
}
