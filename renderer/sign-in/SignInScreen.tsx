// Browser runtime. Sign in or create an account on a server. The rules show under the fields
// before submitting; errors are sentences (never codes) beside the field they concern, in room
// kept for them, so the form never jumps.
import { useId, useState, type FormEvent } from 'react';
import { isUnencryptedRemote } from '../../main/ipc/server-address.js';
import { signIn } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import type { TextKey } from '../i18n/strings.js';
import { useAppStore } from '../store/use-app-store.js';
import { codePoints, limits } from '../../main/ipc/rules.js';
import { useServerInfo } from './use-server-info.js';
import { PasswordField } from '../common/PasswordField.js';
import { FieldMessage } from './FieldMessage.js';
import { ruleField, signInError, type Mode, type SignInError } from './sign-in-error.js';

export function SignInScreen() {
  const t = useText();
  const suggestedServer = useAppStore((state) => state.session.lastServerUrl ?? state.session.defaultServerUrl);
  const [serverUrl, setServerUrl] = useState(suggestedServer);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [invite, setInvite] = useState('');
  const [allowUnencrypted, setAllowUnencrypted] = useState(false);
  const [busy, setBusy] = useState<Mode | null>(null);
  const [error, setError] = useState<SignInError | null>(null);
  const headingId = useId();
  const unencryptedHintId = useId();
  const inviteHintId = useId();
  const nameHintId = useId();
  const passwordHintId = useId();
  const formErrorId = useId();
  const unencrypted = isUnencryptedRemote(serverUrl.trim());
  const serverInfo = useServerInfo(serverUrl.trim());
  const registration = serverInfo?.registration ?? 'open';
  const serverLimits = serverInfo && {
    nameMax: serverInfo.limits.nameMaxCodePoints,
    passwordMin: serverInfo.limits.passwordMinCodePoints,
  };
  // The rules shown before submitting: the server's, or the protocol's until it has answered.
  const rules = serverLimits ?? { nameMax: limits.nameMaxCodePoints, passwordMin: limits.passwordMinCodePoints };
  const fail = (key: TextKey) => setError({ key, field: ruleField[key] ?? null });
  const errorFor = (field: SignInError['field']) => (error?.field === field ? t(error.key, rules) : null);
  const edited = (field: SignInError['field']) => {
    if (error?.field === field) setError(null);
  };

  /** The server's own rules, checked before asking it; null when nothing is wrong. */
  function ruleBroken(mode: Mode): TextKey | null {
    if (!serverLimits) return null;
    if (codePoints(name.trim()) > serverLimits.nameMax) return 'nameTooLong';
    if (mode === 'register' && codePoints(password) < serverLimits.passwordMin) return 'passwordTooShort';
    if (mode === 'register' && registration === 'invite' && invite.trim() === '') return 'needInvite';
    return null;
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const mode: Mode = submitter?.value === 'register' ? 'register' : 'login';
    if (busy) return;
    if (serverUrl.trim() === '' || name.trim() === '' || password === '') {
      fail('fillAllFields');
      return;
    }
    if (unencrypted && !allowUnencrypted) {
      fail('serverNeedsHttps');
      return;
    }
    const broken = ruleBroken(mode);
    if (broken) {
      fail(broken);
      return;
    }
    setBusy(mode);
    setError(null);
    const withInvite = mode === 'register' && registration === 'invite' ? { invite: invite.trim() } : {};
    const input = { serverUrl: serverUrl.trim(), name: name.trim(), password, ...withInvite };
    const failure = await signIn(mode, unencrypted ? { ...input, allowUnencrypted: true } : input);
    // On success this screen is gone; only a failure comes back here.
    if (failure !== null) {
      setError(signInError(failure, mode, registration));
      setBusy(null);
    }
  }

  return (
    <main className="sign-in" aria-labelledby={headingId}>
      <form className="sign-in-form" noValidate onSubmit={(event) => void submit(event)} aria-busy={busy !== null}>
        <div className="sign-in-logo" aria-hidden="true">
          ✉
        </div>
        <h1 id={headingId}>{t('signInHeading')}</h1>
        <p className="sign-in-intro">{t('signInIntro')}</p>
        <label className="field">
          <span>{t('serverLabel')}</span>
          <input
            type="url"
            name="serverUrl"
            autoComplete="url"
            spellCheck={false}
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
          />
        </label>
        {unencrypted && (
          <div className="unencrypted">
            <label className="check">
              <input
                type="checkbox"
                name="allowUnencrypted"
                checked={allowUnencrypted}
                aria-describedby={unencryptedHintId}
                onChange={(e) => setAllowUnencrypted(e.target.checked)}
              />
              <span>{t('allowUnencrypted')}</span>
            </label>
            <p id={unencryptedHintId} className="field-hint">
              {t('allowUnencryptedHint')}
            </p>
          </div>
        )}
        <label className="field">
          <span>{t('nameLabel')}</span>
          <input
            name="name"
            autoComplete="username"
            spellCheck={false}
            autoFocus
            // UTF-16 units, and the server counts characters: an emoji takes two units.
            maxLength={rules.nameMax * 2}
            aria-invalid={error?.field === 'name' || undefined}
            aria-describedby={nameHintId}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              edited('name');
            }}
          />
        </label>
        <FieldMessage id={nameHintId} hint={t('nameRule', rules)} error={errorFor('name')} />
        <PasswordField
          label={t('passwordLabel')}
          name="password"
          autoComplete="current-password"
          value={password}
          invalid={error?.field === 'password'}
          describedBy={passwordHintId}
          onChange={(value) => {
            setPassword(value);
            edited('password');
          }}
        />
        <FieldMessage id={passwordHintId} hint={t('passwordRule', rules)} error={errorFor('password')} />
        {registration === 'invite' && (
          <div className="invite">
            <label className="field">
              <span>{t('inviteLabel')}</span>
              <input
                name="invite"
                autoComplete="off"
                spellCheck={false}
                aria-describedby={inviteHintId}
                aria-invalid={error?.field === 'invite' || undefined}
                value={invite}
                onChange={(e) => {
                  setInvite(e.target.value);
                  edited('invite');
                }}
              />
            </label>
            <FieldMessage id={inviteHintId} hint={t('inviteHint')} error={errorFor('invite')} />
          </div>
        )}
        <FieldMessage id={formErrorId} error={errorFor(null)} />
        {registration === 'closed' && (
          <p className="field-hint" role="status">
            {t('registrationClosed')}
          </p>
        )}
        <div className="sign-in-buttons">
          <button type="submit" value="login" className="primary" disabled={busy !== null}>
            {busy === 'login' ? t('signingIn') : t('signIn')}
          </button>
          {registration !== 'closed' && (
            <button type="submit" value="register" className="secondary" disabled={busy !== null}>
              {t('createAccount')}
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
