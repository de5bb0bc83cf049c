// Browser runtime, but pure. The user's settings, as the core keeps them.
import { defaultSettings, type Settings } from '../../main/ipc/contract.js';

export type SettingsState = Settings;

export const initialSettings: SettingsState = defaultSettings;
