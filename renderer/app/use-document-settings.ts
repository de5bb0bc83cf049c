// Browser runtime. The window title carries the unread total; the theme and language are set
// on <html>, where the CSS variables and screen readers pick them up.
import { useEffect } from 'react';
import { selectWindowTitle } from '../store/chat-selectors.js';
import { useAppStore } from '../store/use-app-store.js';

export function useDocumentSettings(): void {
  const title = useAppStore(selectWindowTitle);
  const theme = useAppStore((state) => state.settings.theme);
  const language = useAppStore((state) => state.settings.language);

  useEffect(() => {
    document.title = title;
  }, [title]);

  useEffect(() => {
    // "system" follows the OS as it changes; CSS then only knows light and dark.
    const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const dark = theme === 'dark' || (theme === 'system' && systemDark.matches);
      document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    };
    apply();
    if (theme !== 'system') return;
    systemDark.addEventListener('change', apply);
    return () => systemDark.removeEventListener('change', apply);
  }, [theme]);

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);
}
