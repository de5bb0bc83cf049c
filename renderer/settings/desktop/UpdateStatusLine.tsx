// Browser runtime. Settings → About: where the app's own update stands, quietly; a ready one
// can be installed from here too.
import { restartToUpdate } from '../../ipc/desktop-commands.js';
import { useText } from '../../i18n/use-text.js';
import { useAppStore } from '../../store/use-app-store.js';

export function UpdateStatusLine() {
  const t = useText();
  const update = useAppStore((state) => state.desktop.update);
  switch (update.state) {
    case 'idle':
      return null;
    case 'downloading':
      return (
        <p className="update-status">
          <label>
            {t('updateDownloading', { version: update.version, percent: Math.round(update.percent) })}{' '}
            <progress max={100} value={update.percent} />
          </label>
        </p>
      );
    case 'ready':
      return (
        <p className="update-status">
          {t('updateReady', { version: update.version })}{' '}
          <button type="button" className="link-button" onClick={() => void restartToUpdate()}>
            {t('restartToUpdate')}
          </button>
        </p>
      );
    case 'failed':
      return <p className="update-status">{t('updateFailed', { message: update.message })}</p>;
  }
}
