// Browser runtime. The window: the sign-in screen, or the messenger once someone is signed in.
import { Announcer } from '../a11y/Announcer.js';
import { useText } from '../i18n/use-text.js';
import { startWindow } from '../ipc/wiring.js';
import { SignInScreen } from '../sign-in/SignInScreen.js';
import { useAppStore } from '../store/use-app-store.js';
import { MessengerLayout } from './MessengerLayout.js';
import { useDocumentSettings } from './use-document-settings.js';

export function App() {
  const t = useText();
  const loaded = useAppStore((state) => state.session.loaded);
  const startFailed = useAppStore((state) => state.session.startFailed);
  const signedIn = useAppStore((state) => state.session.account !== null);
  useDocumentSettings();
  if (!loaded && startFailed) {
    return (
      <div className="app-loading" role="alert">
        <p>{t('startFailed')}</p>
        <button type="button" className="primary" onClick={() => void startWindow()}>
          {t('tryAgain')}
        </button>
      </div>
    );
  }
  if (!loaded) return <p className="app-loading">{t('loading')}</p>;
  return (
    <>
      {signedIn ? <MessengerLayout /> : <SignInScreen />}
      <Announcer />
    </>
  );
}
