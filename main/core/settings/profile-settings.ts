// Node runtime, no Electron. The profile's settings as settings.json keeps them, with the one
// rule that lives in time: a timed Do not disturb turns itself off when its end comes, also
// when that end passed while the app was closed or the computer slept.
import { defaultSettings, type Settings } from '../../ipc/contract.js';
import type { Logger } from '../log/logger.js';
import { DoNotDisturbEnd, type CoreTimers } from '../notify/do-not-disturb-end.js';
import { settingsFile, type SettingsFile } from '../profile.js';
import { openJsonDoc, type JsonDoc } from '../storage/json-doc.js';

export interface ProfileSettingsDeps {
  file: string;
  timers: CoreTimers;
  now: () => number;
  /** Told of every change once it is on disk. */
  changed: (settings: Settings) => void;
  logger: Logger;
}

export class ProfileSettings {
  private readonly doNotDisturbEnd: DoNotDisturbEnd;

  private constructor(
    private readonly doc: JsonDoc<SettingsFile>,
    private readonly deps: ProfileSettingsDeps,
  ) {
    this.doNotDisturbEnd = new DoNotDisturbEnd(
      deps.timers,
      deps.now,
      async () => void (await this.keep({ doNotDisturb: false, doNotDisturbUntil: null })),
      (error) => deps.logger.caught('ending Do not disturb', error),
    );
  }

  static async open(deps: ProfileSettingsDeps): Promise<ProfileSettings> {
    const doc = await openJsonDoc(
      deps.file,
      settingsFile,
      (): SettingsFile => ({ version: 1, settings: defaultSettings }),
      { kind: 'settings', logger: deps.logger },
    );
    return new ProfileSettings(doc, deps);
  }

  get current(): Settings {
    return this.doc.data.settings;
  }

  async keep(changes: Partial<Settings>): Promise<Settings> {
    const settings = { ...this.current, ...changes };
    // An end time means nothing once Do not disturb is off: it must not come back with it.
    if (!settings.doNotDisturb) settings.doNotDisturbUntil = null;
    await this.doc.update({ version: 1, settings });
    this.doNotDisturbEnd.schedule(settings);
    this.deps.changed(settings);
    return settings;
  }

  /**
   * Called once whoever hears `changed` is ready, and back at the window: a Do not disturb whose
   * time passed meanwhile is turned off, one still to come is waited for.
   */
  async endDoNotDisturbIfOver(): Promise<void> {
    const { doNotDisturb, doNotDisturbUntil } = this.current;
    if (doNotDisturb && doNotDisturbUntil !== null && doNotDisturbUntil <= this.deps.now())
      await this.keep({ doNotDisturb: false, doNotDisturbUntil: null });
    else this.doNotDisturbEnd.schedule(this.current);
  }

  close(): void {
    this.doNotDisturbEnd.cancel();
  }
}
