// Browser runtime. What the app has said to screen readers lately: the announcer's live region
// (Announcer.tsx) shows these, and `announce` is the one way to add to them.
import { createStore } from 'zustand/vanilla';

export interface Announcement {
  /** Counts up: each announcement is a new element, so saying the same words twice is heard twice. */
  n: number;
  text: string;
}

/** Older ones are dropped: the region only has to hold what is still being read out. */
const kept = 3;

export const announcerStore = createStore<{ said: readonly Announcement[] }>()(() => ({ said: [] }));

let next = 1;

/** Read out politely: after what the screen reader is saying now, without moving focus. */
export function announce(text: string): void {
  if (text.trim() === '') return;
  announcerStore.setState((state) => ({ said: [...state.said, { n: next++, text }].slice(-kept) }));
}

/** Nothing said (tests, and a new account). */
export function announcerCleared(): void {
  announcerStore.setState({ said: [] });
}
