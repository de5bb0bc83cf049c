// A ShellBridge that records what reaches it and answers what a test tells it to.
import type { UpdateStatus } from '../../../main/ipc/desktop-contract.js';
import type {
  Attention,
  DesktopNotification,
  EventListener,
  ServedFile,
  ShellBridge,
} from '../../../main/core/bridge.js';
import type { EventName, IpcResult, MessengerEvents } from '../../../main/ipc/contract.js';
import { signedOut } from '../../renderer/fixtures.js';

export class FakeBridge implements ShellBridge {
  readonly requests: Array<{ name: unknown; payload: unknown }> = [];
  readonly answers = new Map<string, IpcResult<unknown>>([['snapshot', { ok: true, value: signedOut }]]);
  readonly focus: boolean[] = [];
  closeCalls = 0;
  private readonly listeners = new Set<EventListener>();

  async request(name: unknown, payload: unknown): Promise<IpcResult<unknown>> {
    this.requests.push({ name, payload });
    return this.answers.get(String(name)) ?? { ok: true, value: null };
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: MessengerEvents[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  onAttention(_listener: (attention: Attention) => void): () => void {
    return () => {};
  }

  private readonly notifyListeners = new Set<(notification: DesktopNotification) => void>();
  onNotify(listener: (notification: DesktopNotification) => void): () => void {
    this.notifyListeners.add(listener);
    return () => this.notifyListeners.delete(listener);
  }

  /** What the core's notification policy would hand the shell. */
  notify(notification: DesktopNotification): void {
    for (const listener of this.notifyListeners) listener(notification);
  }

  get notifySubscribers(): number {
    return this.notifyListeners.size;
  }

  setWindowFocused(focused: boolean): void {
    this.focus.push(focused);
  }

  readonly shownChats: number[] = [];
  showChat(who: number): void {
    this.shownChats.push(who);
    this.emit('showChat', { who });
  }
  setUpdateStatus(status: UpdateStatus): void {
    this.emit('update', status);
  }

  /** What `/files/…` paths serve: the images a test put there. */
  readonly served = new Map<string, ServedFile>();
  async servedFile(urlPath: string): Promise<ServedFile | null> {
    return this.served.get(urlPath) ?? null;
  }
  async close(): Promise<void> {
    this.closeCalls += 1;
  }
}
