// Counts requests being carried out, so shutdown can wait for them to finish.

export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  async track<T>(work: () => Promise<T>): Promise<T> {
    const leave = this.enter();
    try {
      return await work();
    } finally {
      leave();
    }
  }

  /**
   * Counts one request in until the returned function is called: for a caller whose own async
   * function already spans the request, so the request holds no extra suspended frame.
   */
  enter(): () => void {
    this.count++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (--this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    };
  }

  /** Resolves true when nothing is in flight, or false after `timeoutMs` if something still is. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
