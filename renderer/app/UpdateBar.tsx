// Browser runtime. "Version X is ready — Restart to update", once the app's update has been
// downloaded; nothing while it downloads (Settings → About shows that quietly).
import { restartToUpdate } from '../ipc/desktop-commands.js';
import { useText } from '../i18n/use-text.js';
import { useAppStore } from '../store/use-app-store.js';

export function UpdateBar() {
  const t = useText();
  const update = useAppStore((state) => state.desktop.update);
  if (update.state !== 'ready') return null;
  return (
    <div className="update-bar" role="status">
      <span>{t('updateReady', { version: update.version })}</span>
      <button type="button" className="primary" onClick={() => void restartToUpdate()}>
        {t('restartToUpdate')}
      </button>
    </div>
  );
}
