// Browser runtime. Where you are signed in: each session's device and last use, this one
// marked; sign out any other one, or all of them at once.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { SessionInfo } from '../../../main/ipc/account-contract.js';
import { endOtherSessions, endSession, loadSessions } from '../../ipc/account-commands.js';
import { useNow } from '../../common/use-now.js';
import { chatListTime } from '../../format/time.js';
import { useText } from '../../i18n/use-text.js';
import { useAppStore } from '../../store/use-app-store.js';
import { FormMessage, type Said } from './FormMessage.js';

/** `changed`: a count that goes up when the sessions changed elsewhere in the section. */
export function SessionList({ changed }: { changed: number }) {
  const t = useText();
  const now = useNow();
  const online = useAppStore((state) => state.session.connection === 'online');
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<Said>(null);
  const headingId = useId();
  /** Where the keyboard focus goes when the button it was on goes away with its session. */
  const headingRef = useRef<HTMLHeadingElement>(null);

  const shown = useCallback((outcome: Awaited<ReturnType<typeof loadSessions>>) => {
    if (outcome.ok) setSessions(outcome.value);
    else setSaid({ kind: 'error', key: 'sessionsFailed' });
  }, []);
  const reload = async () => shown(await loadSessions());

  useEffect(() => {
    if (!online) return;
    let current = true;
    void loadSessions().then((outcome) => {
      if (current) shown(outcome);
    });
    return () => {
      current = false;
    };
  }, [online, shown, changed]);

  async function endOne(id: string): Promise<void> {
    setBusy(true);
    const outcome = await endSession(id);
    setSaid(outcome.ok ? null : { kind: 'error', key: outcome.error });
    await reload();
    setBusy(false);
    headingRef.current?.focus();
  }

  async function endOthers(): Promise<void> {
    setBusy(true);
    const outcome = await endOtherSessions();
    setSaid(
      outcome.ok
        ? { kind: 'done', key: 'sessionsEnded', params: { n: outcome.value } }
        : { kind: 'error', key: outcome.error },
    );
    await reload();
    setBusy(false);
    headingRef.current?.focus();
  }

  const others = sessions?.filter((session) => !session.current) ?? [];
  return (
    <section className="account-sessions" aria-labelledby={headingId} aria-busy={busy || sessions === null}>
      <h4 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('sessionsHeading')}
      </h4>
      {sessions === null && !said && <p className="field-hint">{t(online ? 'sessionsLoading' : 'sessionsOffline')}</p>}
      {sessions && (
        <ul className="session-list">
          {sessions.map((session) => {
            const device = session.device || t('sessionUnnamed');
            return (
              <li key={session.id} className="session-row" data-current={session.current === true}>
                <span className="session-device">{device}</span>
                <span className="session-seen">
                  {session.current
                    ? t('sessionThisDevice')
                    : t('sessionLastSeen', { when: chatListTime(session.lastSeenAt, now, t) })}
                </span>
                {!session.current && (
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    aria-label={t('sessionSignOutLabel', { name: device })}
                    onClick={() => void endOne(session.id)}
                  >
                    {t('sessionSignOut')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <FormMessage said={said} />
      {others.length > 0 && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void endOthers()}>
          {t('sessionsSignOutOthers')}
        </button>
      )}
    </section>
  );
}
