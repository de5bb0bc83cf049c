// Browser runtime. Components get their words from here, in the language the user chose.
import { useMemo } from 'react';
import { useAppStore } from '../store/use-app-store.js';
import { translator, type Translate } from './strings.js';

export function useText(): Translate {
  const language = useAppStore((state) => state.settings.language);
  return useMemo(() => translator(language), [language]);
}
