// A window.messenger for renderer tests: records requests, answers what a test tells it to,
// and lets a test push events the way the main process would.
import {
  requestNames,
  type EventName,
  type MessengerApi,
  type MessengerEvents,
  type MessengerRequests,
  type RequestName,
} from '../../../main/ipc/contract.js';

type Answer = (payload: unknown) => unknown;

export class FakeApi {
  readonly calls: Array<{ name: RequestName; payload: unknown }> = [];
  readonly answers = new Map<RequestName, Answer>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  readonly api: MessengerApi;

  constructor() {
    const requests = {} as Record<RequestName, (payload?: unknown) => Promise<unknown>>;
    for (const name of requestNames) {
      requests[name] = async (payload?: unknown) => {
        this.calls.push({ name, payload });
        const answer = this.answers.get(name);
        return answer ? answer(payload) : null;
      };
    }
    // Settings → Account asks these whenever it shows: nothing to tell unless a test says.
    this.answer('listSessions', () => []);
    this.fail('accountInfo', 'offline');
    this.api = {
      ...(requests as unknown as MessengerRequests),
      on: (event, listener) => {
        let set = this.listeners.get(event);
        if (!set) this.listeners.set(event, (set = new Set()));
        const entry = listener as (payload: unknown) => void;
        set.add(entry);
        return () => set.delete(entry);
      },
    };
  }

  answer<N extends RequestName>(
    name: N,
    answer: (payload: Parameters<MessengerRequests[N]>[0]) => Awaited<ReturnType<MessengerRequests[N]>>,
  ): void {
    this.answers.set(name, answer as Answer);
  }

  fail(name: RequestName, code: string): void {
    this.answers.set(name, () => {
      throw Object.assign(new Error(code), { code });
    });
  }

  /** The request throws an error main never answered with (no `code`): a bug on this side. */
  breaks(name: RequestName, message = 'undefined is not a function'): void {
    this.answers.set(name, () => {
      throw new TypeError(message);
    });
  }

  /** The problems the renderer reported to main. */
  get reports(): Array<{ context: string; message: string; stack?: string }> {
    return this.named('reportProblem') as Array<{ context: string; message: string; stack?: string }>;
  }

  emit<E extends EventName>(event: E, payload: MessengerEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  named(name: RequestName): unknown[] {
    return this.calls.filter((call) => call.name === name).map((call) => call.payload);
  }

  get listenerCount(): number {
    return [...this.listeners.values()].reduce((n, set) => n + set.size, 0);
  }
}
