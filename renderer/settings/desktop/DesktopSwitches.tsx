// Browser runtime. The settings that only some shells honour: each shows only where it has an
// effect (a tray for "Close to tray"; login items or a Linux autostart entry for "Start at login").
import { changeSettings } from '../../ipc/commands.js';
import { useText } from '../../i18n/use-text.js';
import { useAppStore } from '../../store/use-app-store.js';

export function DesktopSwitches() {
  const t = useText();
  const features = useAppStore((state) => state.desktop.features);
  const closeToTray = useAppStore((state) => state.settings.closeToTray);
  const startAtLogin = useAppStore((state) => state.settings.startAtLogin);
  return (
    <>
      {features.tray && (
        <label className="check">
          <input
            type="checkbox"
            checked={closeToTray}
            onChange={(event) => void changeSettings({ closeToTray: event.target.checked })}
          />
          <span>{t('closeToTray')}</span>
        </label>
      )}
      {features.startAtLogin && (
        <label className="check">
          <input
            type="checkbox"
            checked={startAtLogin}
            onChange={(event) => void changeSettings({ startAtLogin: event.target.checked })}
          />
          <span>{t('startAtLogin')}</span>
        </label>
      )}
    </>
  );
}
