// Browser runtime. Says so when the app is offline, reconnecting or signed out by the server,
// and why when the server said it was going away (stopped, or restarting), with the time it
// said so; always in the page (empty and hidden while online) so screen readers hear the change.
import { clockTime } from '../format/time.js';
import { signOut } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import type { Translate } from '../i18n/strings.js';
import type { ServerNotice } from '../../main/ipc/desktop-contract.js';
import { selectConnectionBanner, selectServerNotice } from '../store/message-selectors.js';
import { useAppStore } from '../store/use-app-store.js';

export function ConnectionBanner() {
  const t = useText();
  const banner = useAppStore(selectConnectionBanner);
  const notice = useAppStore(selectServerNotice);
  const connection = useAppStore((state) => state.session.connection);
  const explained = notice !== null && banner !== 'bannerUnauthorized';
  return (
    <div
      className="connection-banner"
      role="status"
      data-testid="connection-banner"
      data-connection={connection}
      data-server-notice={explained ? notice.reason : undefined}
      hidden={banner === null}
    >
      {banner && !explained && <span>{t(banner)}</span>}
      {banner && explained && <NoticeText notice={notice} t={t} />}
      {banner === 'bannerUnauthorized' && (
        <button type="button" className="link-button" onClick={() => void signOut()}>
          {t('signInAgain')}
        </button>
      )}
    </div>
  );
}

function NoticeText({ notice, t }: { notice: ServerNotice; t: Translate }) {
  // The server's sentence goes inside ours: its own full stop would make two.
  const message = notice.message.trim().replace(/[.。]+$/u, '');
  return (
    <>
      <span>{notice.reason === 'restart' ? t('serverRestarting') : t('serverStopped', { message })}</span>
      <time className="server-notice-time" dateTime={new Date(notice.at).toISOString()}>
        {t('serverNoticeAt', { time: clockTime(notice.at, t) })}
      </time>
    </>
  );
}
