export type ExponentialBackoffOptions = {
  /** First retry delay; default 500 ms. */
  initialDelayMs?: number;
  /** Ceiling; default 30 s. */
  maxDelayMs?: number;
  /** Growth per failed attempt; default 2. */
  factor?: number;
};

/** Reconnect delays 500 ms, 1 s, 2 s, … up to the ceiling; `reset` after a good connection. */
export class ExponentialBackoff {
  private failures = 0;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly factor: number;

  constructor(options: ExponentialBackoffOptions = {}) {
    this.initialDelayMs = options.initialDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.factor = options.factor ?? 2;
  }

  nextDelayMs(): number {
    const delay = Math.min(this.maxDelayMs, this.initialDelayMs * this.factor ** this.failures);
    this.failures += 1;
    return delay;
  }

  reset(): void {
    this.failures = 0;
  }
}
