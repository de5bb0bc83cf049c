// Browser runtime. The emoji picker's data: emojibase's compact dataset for the UI language,
// bundled with the app (no network) and loaded only when the picker first opens.
import type { Language } from '../i18n/strings.js';

export interface Emoji {
  unicode: string;
  /** Its name in the UI language: the button's label and what search matches. */
  label: string;
  tags: readonly string[];
}

export interface EmojiGroup {
  key: string;
  name: string;
  emoji: Emoji[];
}

/** emojibase's group 2 ("component") holds skin tones and hair pieces, not emoji to send. */
const componentGroup = 2;

/** What the picker reads of emojibase's compact dataset and its messages (group names). */
interface CompactEmoji {
  unicode: string;
  label: string;
  group?: number;
  order?: number;
  tags?: readonly string[];
}
interface Messages {
  groups: ReadonlyArray<{ key: string; message: string; order: number }>;
}
type Dataset = [{ default: readonly CompactEmoji[] }, { default: Messages }];

// Literal paths, so the bundler makes one lazy chunk per language and nothing else.
const datasets: Record<Language, () => Promise<Dataset>> = {
  en: () => Promise.all([import('emojibase-data/en/compact.json'), import('emojibase-data/en/messages.json')]),
  zh: () => Promise.all([import('emojibase-data/zh/compact.json'), import('emojibase-data/zh/messages.json')]),
};

const loaded = new Map<Language, Promise<EmojiGroup[]>>();

export function groupEmoji([{ default: data }, { default: messages }]: Dataset): EmojiGroup[] {
  return [...messages.groups]
    .filter((group) => group.order !== componentGroup)
    .sort((a, b) => a.order - b.order)
    .map((group) => ({
      key: group.key,
      name: group.message,
      emoji: data
        .filter((emoji) => emoji.group === group.order)
        .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
        .map((emoji) => ({ unicode: emoji.unicode, label: emoji.label, tags: emoji.tags ?? [] })),
    }))
    .filter((group) => group.emoji.length > 0);
}

/** The groups in the language's order; loaded once per language (a failed load is tried again). */
export function loadEmoji(language: Language): Promise<EmojiGroup[]> {
  let groups = loaded.get(language);
  if (!groups) {
    groups = datasets[language]().then(groupEmoji);
    groups.catch(() => loaded.delete(language));
    loaded.set(language, groups);
  }
  return groups;
}

/** The emoji whose name or a tag contains every word of the query (any case); all when empty. */
export function searchEmoji(groups: readonly EmojiGroup[], query: string): EmojiGroup[] {
  const words = query.toLocaleLowerCase().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return [...groups];
  const matches = (emoji: Emoji) => {
    const names = [emoji.label, ...emoji.tags].map((name) => name.toLocaleLowerCase());
    return words.every((word) => names.some((name) => name.includes(word)));
  };
  return groups
    .map((group) => ({ ...group, emoji: group.emoji.filter(matches) }))
    .filter((group) => group.emoji.length > 0);
}
