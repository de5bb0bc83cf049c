// Browser runtime. Change the password: the current one, and the new one twice. The server
// signs out every other session; this one stays.
import { useState, type FormEvent } from 'react';
import { codePoints, limits } from '../../../main/ipc/rules.js';
import { changePassword } from '../../ipc/account-commands.js';
import { useText } from '../../i18n/use-text.js';
import { FormMessage, type Said } from './FormMessage.js';
import { PasswordField } from '../../common/PasswordField.js';

export function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const t = useText();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<Said>(null);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (current === '' || password === '') return setSaid({ kind: 'error', key: 'fillAllFields' });
    if (password !== again) return setSaid({ kind: 'error', key: 'passwordsDiffer' });
    if (codePoints(password) < limits.passwordMinCodePoints) return setSaid({ kind: 'error', key: 'passwordTooShort' });
    setBusy(true);
    const outcome = await changePassword(current, password);
    setBusy(false);
    if (!outcome.ok) return setSaid({ kind: 'error', key: outcome.error });
    setCurrent('');
    setPassword('');
    setAgain('');
    setSaid({ kind: 'done', key: 'passwordChanged' });
    onChanged();
  }

  return (
    <form className="account-form" aria-busy={busy} onSubmit={(event) => void submit(event)}>
      <h4>{t('passwordHeading')}</h4>
      <PasswordField
        label={t('currentPassword')}
        name="currentPassword"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
      />
      <PasswordField
        label={t('newPassword')}
        name="newPassword"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
      />
      <PasswordField
        label={t('confirmPassword')}
        name="confirmPassword"
        autoComplete="new-password"
        value={again}
        onChange={setAgain}
      />
      <FormMessage said={said} />
      <button type="submit" className="secondary" disabled={busy}>
        {busy ? t('saving') : t('passwordSave')}
      </button>
    </form>
  );
}
