// Browser runtime. Change the display name; the login key stays the registered name's.
import { useId, useState, type FormEvent } from 'react';
import { codePoints, limits } from '../../../main/ipc/rules.js';
import { renameAccount } from '../../ipc/account-commands.js';
import { useText } from '../../i18n/use-text.js';
import { FormMessage, type Said } from './FormMessage.js';

export function RenameForm({ current }: { current: string }) {
  const t = useText();
  const [name, setName] = useState(current);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<Said>(null);
  const hintId = useId();

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const wanted = name.trim();
    if (busy || wanted === '' || wanted === current) return;
    if (codePoints(wanted) > limits.nameMaxCodePoints) {
      setSaid({ kind: 'error', key: 'nameTooLong' });
      return;
    }
    setBusy(true);
    const outcome = await renameAccount(wanted);
    setBusy(false);
    setSaid(
      outcome.ok
        ? { kind: 'done', key: 'renamed', params: { name: outcome.value.name } }
        : { kind: 'error', key: outcome.error },
    );
  }

  return (
    <form className="account-form" aria-busy={busy} onSubmit={(event) => void submit(event)}>
      <label className="field">
        <span>{t('renameLabel')}</span>
        <input
          name="displayName"
          autoComplete="nickname"
          spellCheck={false}
          aria-describedby={hintId}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <p id={hintId} className="field-hint">
        {t('renameHint')}
      </p>
      <FormMessage said={said} />
      <button type="submit" className="secondary" disabled={busy || name.trim() === '' || name.trim() === current}>
        {busy ? t('saving') : t('renameSave')}
      </button>
    </form>
  );
}
