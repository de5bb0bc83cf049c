// Browser runtime. Settings → Admin → Invites: make a code (how many accounts, how long it
// lasts), shown once; the open invites, each revocable behind a confirm dialog.
import { useCallback, useEffect, useId, useState } from 'react';
import type { InviteInfo } from '../../../main/ipc/contract.js';
import { ConfirmDialog } from '../../common/ConfirmDialog.js';
import { fullTime } from '../../format/time.js';
import type { TextKey } from '../../i18n/strings.js';
import { useText } from '../../i18n/use-text.js';
import { messenger } from '../../ipc/api.js';
import { reportUnlessAnswered } from '../../ipc/problems.js';
import { adminFailureKey } from './admin-errors.js';
import { OneTimeSecret } from './OneTimeSecret.js';

const dayMs = 24 * 60 * 60 * 1000;
const expiries = [
  { value: '1d', label: 'adminExpiry1d', ms: dayMs },
  { value: '7d', label: 'adminExpiry7d', ms: 7 * dayMs },
  { value: '30d', label: 'adminExpiry30d', ms: 30 * dayMs },
  { value: 'never', label: 'adminExpiryNever', ms: undefined },
] as const;
type Expiry = (typeof expiries)[number]['value'];
const usesMax = 1_000_000;

export function AdminInvites() {
  const t = useText();
  const headingId = useId();
  const [invites, setInvites] = useState<InviteInfo[] | null>(null);
  const [uses, setUses] = useState('1');
  const [expiry, setExpiry] = useState<Expiry>('7d');
  const [creating, setCreating] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<TextKey | null>(null);
  const [revoking, setRevoking] = useState<InviteInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<TextKey | null>(null);

  const load = useCallback(() => {
    messenger()
      .adminInvites()
      .then(setInvites, (failure: unknown) => {
        reportUnlessAnswered('listing invites', failure);
        setError(adminFailureKey(failure, 'invite'));
      });
  }, []);

  useEffect(load, [load]);

  const usesCount = Number(uses);
  const usesValid = Number.isInteger(usesCount) && usesCount >= 1 && usesCount <= usesMax;

  async function create(): Promise<void> {
    if (!usesValid) return;
    setCreating(true);
    setError(null);
    const ms = expiries.find((choice) => choice.value === expiry)?.ms;
    try {
      const made = await messenger().adminCreateInvite({ uses: usesCount, ...(ms ? { expiresInMs: ms } : {}) });
      setCode(made.code);
      setInvites((shown) => [made.invite, ...(shown ?? [])]);
    } catch (failure) {
      reportUnlessAnswered('creating an invite', failure);
      setError(adminFailureKey(failure, 'invite'));
    } finally {
      setCreating(false);
    }
  }

  async function revoke(): Promise<void> {
    if (!revoking) return;
    setBusy(true);
    setRevokeError(null);
    try {
      await messenger().adminRevokeInvite({ id: revoking.id });
      setInvites((shown) => (shown ?? []).filter((invite) => invite.id !== revoking.id));
      setRevoking(null);
    } catch (failure) {
      reportUnlessAnswered('revoking an invite', failure);
      const key = adminFailureKey(failure, 'invite');
      setRevokeError(key);
      if (key === 'adminErrorNotFound') load();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="admin-invites" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('adminInvitesHeading')}</h4>
      <form
        className="admin-form"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <label className="field">
          <span>{t('adminInviteUses')}</span>
          <input
            type="number"
            min={1}
            max={usesMax}
            required
            value={uses}
            aria-invalid={!usesValid}
            onChange={(event) => setUses(event.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('adminInviteExpiry')}</span>
          <select value={expiry} onChange={(event) => setExpiry(event.target.value as Expiry)}>
            {expiries.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {t(choice.label)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={creating || !usesValid}>
          {creating ? t('adminInviting') : t('adminInvite')}
        </button>
      </form>
      {error && <p role="alert">{t(error)}</p>}
      {code && (
        <OneTimeSecret
          label={t('adminInviteCode')}
          hint={t('adminInviteCodeOnce')}
          value={code}
          onDone={() => setCode(null)}
        />
      )}
      {invites && invites.length === 0 && <p className="admin-empty">{t('adminNoInvites')}</p>}
      {invites && invites.length > 0 && (
        <ul className="admin-invite-list">
          {invites.map((invite) => (
            <li key={invite.id} data-testid="admin-invite">
              <span>
                {t('adminInviteRow', {
                  uses: invite.usesLeft,
                  expiry:
                    invite.expiresAt === null
                      ? t('adminInviteNeverExpires')
                      : t('adminInviteExpires', { date: fullTime(invite.expiresAt, t) }),
                })}
              </span>
              <button
                type="button"
                className="secondary small"
                aria-label={t('adminRevokeLabel', { date: fullTime(invite.createdAt, t) })}
                onClick={() => {
                  setRevokeError(null);
                  setRevoking(invite);
                }}
              >
                {t('adminRevoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {revoking && (
        <ConfirmDialog
          heading={t('adminRevokeHeading')}
          body={t('adminRevokeBody')}
          confirmLabel={t('adminRevoke')}
          busyLabel={t('adminWorking')}
          busy={busy}
          onCancel={() => setRevoking(null)}
          onConfirm={() => void revoke()}
        >
          {revokeError && <p role="alert">{t(revokeError)}</p>}
        </ConfirmDialog>
      )}
    </section>
  );
}
