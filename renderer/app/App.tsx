// Browser runtime. The window: the sign-in screen, or the messenger once someone is signed in.
import { useText } from '../i18n/use-text.js';
import { SignInScreen } from '../sign-in/SignInScreen.js';
import { useAppStore } from '../store/use-app-store.js';
import { MessengerLayout } from './MessengerLayout.js';
import { useDocumentSettings } from './use-document-settings.js';

export function App() {
  const t = useText();
  const loaded = useAppStore((state) => state.session.loaded);
  const signedIn = useAppStore((state) => state.session.account !== null);
  useDocumentSettings();
  if (!loaded) return <p className="app-loading">{t('loading')}</p>;
  return signedIn ? <MessengerLayout /> : <SignInScreen />;
}
