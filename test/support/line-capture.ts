// Log lines kept in memory as a logger writes them, and a way to wait for the line a test
// expects instead of sleeping: the capture under the server's and the client's test loggers.
export class LineCapture {
  readonly lines: string[] = [];
  private readonly waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];

  /** Hand this to the logger as its writer. */
  readonly write = (line: string): void => {
    this.lines.push(line);
    for (const waiter of this.waiters.filter((w) => w.pattern.test(line))) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  };

  /** Resolves with the first line, written already or still to come, that `pattern` matches. */
  waitFor(pattern: RegExp): Promise<string> {
    const seen = this.lines.find((line) => pattern.test(line));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ pattern, resolve }));
  }

  /** Resolves with the next line written. */
  next(): Promise<string> {
    return new Promise((resolve) => this.waiters.push({ pattern: /(?:)/, resolve }));
  }
}
