// Browser runtime. The window title carries the unread total and whose window it is (two
// profiles side by side); the theme and language are set on <html>, where the CSS variables
// and screen readers pick them up.
import { useEffect } from 'react';
import { selectWindowTitle } from '../store/chat-selectors.js';
import { useAppStore } from '../store/use-app-store.js';

export function useDocumentSettings(): void {
  const title = useAppStore(selectWindowTitle);
  const userName = useAppStore((state) => state.session.account?.user.name);
  const theme = useAppStore((state) => state.settings.theme);
  const language = useAppStore((state) => state.settings.language);

  useEffect(() => {
    document.title = userName ? `${title} — ${userName}` : title;
  }, [title, userName]);

  useEffect(() => {
    // CSS resolves "system" against the OS, also as it changes (styles/theme.css).
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);
}
