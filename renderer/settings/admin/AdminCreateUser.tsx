// Browser runtime. Settings → Admin → Create account: a name in, a one-time password out
// (shown once) for the admin to hand over.
import { useId, useState } from 'react';
import { limits } from '../../../main/ipc/rules.js';
import type { TextKey } from '../../i18n/strings.js';
import { useText } from '../../i18n/use-text.js';
import { messenger } from '../../ipc/api.js';
import { reportUnlessAnswered } from '../../ipc/problems.js';
import { adminFailureKey } from './admin-errors.js';
import { OneTimeSecret } from './OneTimeSecret.js';

export function AdminCreateUser() {
  const t = useText();
  const headingId = useId();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TextKey | null>(null);
  const [created, setCreated] = useState<{ name: string; password: string } | null>(null);

  async function create(): Promise<void> {
    const wanted = name.trim();
    if (!wanted) return;
    setBusy(true);
    setError(null);
    try {
      const made = await messenger().adminCreateUser({ name: wanted });
      setCreated({ name: made.user.name, password: made.password });
      setName('');
    } catch (failure) {
      reportUnlessAnswered('creating an account', failure);
      setError(adminFailureKey(failure, 'name'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="admin-create" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('adminCreateHeading')}</h4>
      <form
        className="admin-form"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <label className="field">
          <span>{t('adminCreateName')}</span>
          <input
            value={name}
            required
            maxLength={limits.nameMaxCodePoints * 2}
            autoComplete="off"
            aria-invalid={error !== null}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || !name.trim()}>
          {busy ? t('adminCreating') : t('adminCreate')}
        </button>
      </form>
      {error && <p role="alert">{t(error)}</p>}
      {created && (
        <OneTimeSecret
          label={t('adminCreatedPassword', { name: created.name })}
          hint={t('adminPasswordOnce')}
          value={created.password}
          onDone={() => setCreated(null)}
        />
      )}
    </section>
  );
}
