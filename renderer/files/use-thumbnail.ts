// Browser runtime. An image bubble's thumbnail: main fetches the file into the profile's cache
// (fileUrl), the page draws it small (thumbnails.ts). Null while that runs or when it failed.
import { useEffect, useState } from 'react';
import type { FileInput } from '../../main/ipc/files-contract.js';
import { messenger } from '../ipc/api.js';
import { reportUnlessAnswered } from '../ipc/problems.js';
import { keptThumbnail, thumbnail } from './thumbnails.js';

export function useThumbnail(input: FileInput | null): string | null {
  const { id = null, sha256 = null, name = '', size = 0, mime = '' } = input ?? {};
  const [made, setMade] = useState<{ sha256: string; url: string } | null>(null);
  useEffect(() => {
    if (id === null || sha256 === null || keptThumbnail(sha256) !== undefined) return;
    let current = true;
    thumbnail(sha256, async () => (await messenger().fileUrl({ id, sha256, name, size, mime })).url)
      .then((url) => {
        if (current) setMade({ sha256, url });
      })
      // The bubble keeps its placeholder box. Main logged anything unexpected.
      .catch((error: unknown) => reportUnlessAnswered('making a thumbnail', error));
    return () => {
      current = false;
    };
  }, [id, sha256, name, size, mime]);
  if (sha256 === null) return null;
  return (made?.sha256 === sha256 ? made.url : undefined) ?? keptThumbnail(sha256) ?? null;
}
