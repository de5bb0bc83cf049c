// Browser runtime. Settings → Do not disturb: Off, On, or until tomorrow 8:00 (then it says
// until when). A time already past reads as Off, even before main has turned it off.
import { useId } from 'react';
import { useNow } from '../../common/use-now.js';
import {
  doNotDisturbChange,
  doNotDisturbChoice,
  morningHour,
  type DoNotDisturbChoice,
} from '../../format/do-not-disturb.js';
import { tomorrowAt } from '../../../main/ipc/local-time.js';
import { clockTime, fullTime } from '../../format/time.js';
import { changeSettings } from '../../ipc/commands.js';
import { useText } from '../../i18n/use-text.js';
import { useAppStore } from '../../store/use-app-store.js';

const choices = [
  { value: 'off', label: 'doNotDisturbOff' },
  { value: 'on', label: 'doNotDisturbOn' },
  { value: 'untilMorning', label: 'doNotDisturbUntilMorning' },
] as const satisfies readonly { value: DoNotDisturbChoice; label: string }[];

export function DoNotDisturbSetting() {
  const t = useText();
  const now = useNow();
  const doNotDisturb = useAppStore((state) => state.settings.doNotDisturb);
  const until = useAppStore((state) => state.settings.doNotDisturbUntil);
  const chosen = doNotDisturbChoice({ doNotDisturb, doNotDisturbUntil: until }, now);
  const name = useId();
  const hintId = useId();
  return (
    <fieldset className="do-not-disturb" aria-describedby={hintId}>
      <legend>{t('doNotDisturb')}</legend>
      {choices.map((choice) => (
        <label key={choice.value} className="check">
          <input
            type="radio"
            name={name}
            value={choice.value}
            checked={chosen === choice.value}
            // The clock at the click, not the minute's tick: "tomorrow" is from now.
            onChange={() => void changeSettings(doNotDisturbChange(choice.value, Date.now()))}
          />
          <span>{t(choice.label, { time: clockTime(tomorrowAt(morningHour, now), t) })}</span>
        </label>
      ))}
      <p className="setting-hint" id={hintId}>
        {chosen === 'untilMorning' && until !== null
          ? t('doNotDisturbUntilState', { when: fullTime(until, t) })
          : t('doNotDisturbHint')}
      </p>
    </fieldset>
  );
}
