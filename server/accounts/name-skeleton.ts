// Server: when two names look alike. The skeleton of Unicode's confusable detection (UTS #39,
// section 4): decompose, map each character to the prototype it can be mistaken for
// (confusables.txt, through the unhomoglyph package), decompose again. Taken of the name key, so
// letter case and compatibility forms are already folded: `аlice` with a Cyrillic а, `ALICE`
// and `a1ice` all have the skeleton of `alice`. Stores keep it under a unique index.
import unhomoglyph from 'unhomoglyph';

export function nameSkeleton(nameKey: string): string {
  return unhomoglyph(nameKey.normalize('NFD')).normalize('NFD');
}
