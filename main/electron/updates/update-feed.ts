// Node runtime, no Electron: reads the update feed (latest.yml and its platform twins) from
// `<server>/updates/` over HTTP, so the decision is made on what the feed really says.
import yaml from 'js-yaml';
import semver from 'semver';
import { z } from 'zod';
import type { FeedOffer } from './update-plan.js';

/** A feed lists a few files; anything larger is not one. */
const maxFeedBytes = 1024 * 1024;

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    readonly kind: 'missing' | 'malformed' | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}

const feedFile = z.object({
  version: z.string().refine((version) => semver.valid(version) !== null, 'version is not a semantic version'),
  files: z
    .array(
      z.object({ url: z.string().min(1), sha512: z.string().min(1), size: z.number().int().nonnegative().optional() }),
    )
    .min(1),
  releaseDate: z.string().optional(),
});

/** The feed's text as an offer; FeedError `malformed` when it is not one. */
export function parseFeed(text: string): FeedOffer {
  let document: unknown;
  try {
    document = yaml.load(text, { schema: yaml.JSON_SCHEMA });
  } catch (error) {
    throw new FeedError('malformed', `The update feed is not YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = feedFile.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FeedError(
      'malformed',
      `The update feed is unusable: ${issue.path.join('.') || 'document'}: ${issue.message}`,
    );
  }
  const { releaseDate, ...offer } = parsed.data;
  return releaseDate === undefined ? offer : { ...offer, releaseDate };
}

/** `<server>/updates/`, the generic provider's base URL for a server address. */
export function updatesUrl(serverUrl: string): string {
  return new URL('updates/', serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).href;
}

export async function readFeed(baseUrl: string, fileName: string, fetchFeed: typeof fetch = fetch): Promise<FeedOffer> {
  let response: Response;
  try {
    response = await fetchFeed(new URL(fileName, baseUrl), { headers: { 'cache-control': 'no-cache' } });
  } catch (error) {
    throw new FeedError('unreachable', `The update server cannot be reached: ${(error as Error).message}`);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    throw new FeedError('missing', `The server offers no updates (${fileName}: 404).`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new FeedError('unreachable', `The update server answered ${response.status} for ${fileName}.`);
  }
  if (Number(response.headers.get('content-length') ?? 0) > maxFeedBytes) {
    await response.body?.cancel();
    throw new FeedError('malformed', `The update feed ${fileName} is over ${maxFeedBytes} bytes.`);
  }
  return parseFeed(await response.text());
}
