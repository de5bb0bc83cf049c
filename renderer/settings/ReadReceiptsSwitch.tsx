// Browser runtime. Settings → "Send read receipts": a switch, and the line saying that off
// means the user does not see others' either (the server applies it both ways).
import { useId } from 'react';
import { changeSettings } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import { useAppStore } from '../store/use-app-store.js';

export function ReadReceiptsSwitch() {
  const t = useText();
  const on = useAppStore((state) => state.settings.readReceipts);
  const hintId = useId();
  return (
    <div className="setting-switch">
      <label className="check">
        <input
          type="checkbox"
          role="switch"
          checked={on}
          aria-describedby={hintId}
          onChange={(event) => void changeSettings({ readReceipts: event.target.checked })}
        />
        <span>{t('readReceipts')}</span>
      </label>
      <p className="setting-hint" id={hintId}>
        {t('readReceiptsHint')}
      </p>
    </div>
  );
}
