// Browser runtime. Theme, language, notification content, Do not disturb, the settings this
// shell honours (close to tray, start at login), signing out, and About: the version, the
// update, and where the log is.
import { useId } from 'react';
import type { Settings } from '../../main/ipc/contract.js';
import { changeSettings } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import { signOutAsked } from '../store/actions.js';
import { useAppStore } from '../store/use-app-store.js';
import { AdminSection } from './AdminSection.js';
import { ReadReceiptsSwitch } from './ReadReceiptsSwitch.js';
import { SignOutDialog } from './SignOutDialog.js';
import { AccountSection } from './account/AccountSection.js';
import { DesktopSwitches } from './desktop/DesktopSwitches.js';
import { DoNotDisturbSetting } from './desktop/DoNotDisturbSetting.js';
import { UpdateStatusLine } from './desktop/UpdateStatusLine.js';

const themes = [
  { value: 'system', label: 'themeSystem' },
  { value: 'light', label: 'themeLight' },
  { value: 'dark', label: 'themeDark' },
] as const;

/** Each language is named in itself, whatever language the UI is in. */
const languages = [
  { value: 'en', label: 'English' },
  { value: 'zh', label: '中文' },
] as const;

export function SettingsPane() {
  const t = useText();
  const settings = useAppStore((state) => state.settings);
  const account = useAppStore((state) => state.session.account);
  const about = useAppStore((state) => state.session.about);
  const confirmSignOut = useAppStore((state) => state.ui.confirmSignOut);
  const headingId = useId();
  const aboutId = useId();

  return (
    <section className="settings" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('settingsHeading')}</h2>
      {account && (
        <p className="settings-account">{t('signedInAs', { name: account.user.name, server: account.serverUrl })}</p>
      )}
      <label className="field">
        <span>{t('theme')}</span>
        <select
          value={settings.theme}
          onChange={(event) => void changeSettings({ theme: event.target.value as Settings['theme'] })}
        >
          {themes.map((theme) => (
            <option key={theme.value} value={theme.value}>
              {t(theme.label)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('language')}</span>
        <select
          value={settings.language}
          onChange={(event) => void changeSettings({ language: event.target.value as Settings['language'] })}
        >
          {languages.map((language) => (
            <option key={language.value} value={language.value} lang={language.value === 'zh' ? 'zh-CN' : 'en'}>
              {language.label}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.hideContent}
          onChange={(event) => void changeSettings({ hideContent: event.target.checked })}
        />
        <span>{t('hideContent')}</span>
      </label>
      <DoNotDisturbSetting />
      <DesktopSwitches />
      <ReadReceiptsSwitch />
      <button type="button" className="secondary sign-out" onClick={() => signOutAsked(true)}>
        {t('signOutAsk')}
      </button>
      {confirmSignOut && <SignOutDialog />}
      <AccountSection />
      <AdminSection />
      <h3>{t('shortcutsHeading')}</h3>
      <ul className="shortcuts">
        <li>{t('shortcutJump')}</li>
        <li>{t('shortcutNext')}</li>
        <li>{t('shortcutUnread')}</li>
        <li>{t('shortcutClose')}</li>
        <li>{t('shortcutMenu')}</li>
        <li>{t('shortcutSearch')}</li>
      </ul>
      {about && (
        <section className="about" aria-labelledby={aboutId}>
          <h3 id={aboutId}>{t('aboutHeading')}</h3>
          <p>{t('aboutVersion', { version: about.version })}</p>
          <UpdateStatusLine />
          <dl>
            <dt>{t('aboutLogFile')}</dt>
            <dd>
              <code data-testid="log-file">{about.logFile}</code>
            </dd>
            <dt>{t('aboutSession')}</dt>
            <dd data-testid="session-kept" data-kept={about.sessionKept}>
              {t(about.sessionKept === 'plain' ? 'aboutSessionPlain' : 'aboutSessionEncrypted')}
            </dd>
          </dl>
          <p className="about-note">{t('aboutLogHolds')}</p>
        </section>
      )}
    </section>
  );
}
