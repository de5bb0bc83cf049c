// Browser runtime. The name to show for a user: theirs, or "Deleted user" in the user's
// language once their account is gone.
import { useText } from '../i18n/use-text.js';
import { useAppStore } from '../store/use-app-store.js';

export function useShownName(id: number, name: string): string {
  const t = useText();
  const deleted = useAppStore((state) => state.contacts.deleted[id] === true);
  return deleted ? t('deletedUser') : name;
}
