// Browser runtime. Says so when the app is offline, reconnecting or signed out by the server;
// always in the page (empty and hidden while online) so screen readers hear the change.
import { signOut } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import { selectConnectionBanner } from '../store/message-selectors.js';
import { useAppStore } from '../store/use-app-store.js';

export function ConnectionBanner() {
  const t = useText();
  const banner = useAppStore(selectConnectionBanner);
  const connection = useAppStore((state) => state.session.connection);
  return (
    <div
      className="connection-banner"
      role="status"
      data-testid="connection-banner"
      data-connection={connection}
      hidden={banner === null}
    >
      {banner && <span>{t(banner)}</span>}
      {banner === 'bannerUnauthorized' && (
        <button type="button" className="link-button" onClick={() => void signOut()}>
          {t('signInAgain')}
        </button>
      )}
    </div>
  );
}
