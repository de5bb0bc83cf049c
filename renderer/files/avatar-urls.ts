// Browser runtime. Where the page finds each avatar (main downloads it into the profile's
// cache once): asked once per avatar id, and remembered for the session.
import { useEffect, useState } from 'react';
import { messenger } from '../ipc/api.js';
import { reportUnlessAnswered } from '../ipc/problems.js';

const known = new Map<string, Promise<string | null>>();

function avatarUrl(avatar: string): Promise<string | null> {
  let url = known.get(avatar);
  if (!url) {
    url = messenger()
      .avatarUrl({ avatar })
      .then(({ url: found }) => found)
      .catch((error: unknown) => {
        // Initials stay; asked again next session. Main logged anything unexpected.
        reportUnlessAnswered('showing an avatar', error);
        known.delete(avatar);
        return null;
      });
    known.set(avatar, url);
  }
  return url;
}

/** The URL of `avatar`'s image once known; null without an avatar or while it loads. */
export function useAvatarUrl(avatar: string | undefined): string | null {
  const [shown, setShown] = useState<{ avatar: string; url: string } | null>(null);
  useEffect(() => {
    if (avatar === undefined) return;
    let current = true;
    void avatarUrl(avatar).then((url) => {
      if (current && url !== null) setShown({ avatar, url });
    });
    return () => {
      current = false;
    };
  }, [avatar]);
  return shown !== null && shown.avatar === avatar ? shown.url : null;
}

/** Tests start from an empty cache. */
export function forgetAvatarUrls(): void {
  known.clear();
}
