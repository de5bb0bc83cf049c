// Browser runtime. The app's one polite live region, visually hidden. It is in the page from
// the start (a region added together with its text is not read), and each announcement is a
// new child: with aria-relevant="additions" screen readers read what was added, once, and not
// the older lines still kept or their removal.
import { useStore } from 'zustand';
import { announcerStore } from './announcer-store.js';

export function Announcer() {
  const said = useStore(announcerStore, (state) => state.said);
  return (
    <div
      className="visually-hidden"
      data-testid="announcer"
      aria-live="polite"
      aria-relevant="additions"
      aria-atomic="false"
    >
      {said.map((announcement) => (
        <p key={announcement.n}>{announcement.text}</p>
      ))}
    </div>
  );
}
