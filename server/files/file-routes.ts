// Server: the HTTP addresses of files and avatars (docs/protocol.md "Files and avatars"), by
// method, for http-api.ts to dispatch. A file nobody may read is 404, never 403: ids cannot be probed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpPaths, type UserUpdate } from '../../protocol/contract.js';
import { isInlineImage } from '../../protocol/attachments.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { Accounts, Session } from '../accounts/accounts.js';
import { bearerToken } from '../http/account-api.js';
import type { Handlers } from '../http/admin-api.js';
import { sendJson } from '../http/error-response.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { Timers } from '../timers.js';
import { getAvatar, removeAvatar, setAvatar } from './avatar-routes.js';
import type { BlobStore } from './blob-store.js';
import { serveBlob } from './download.js';
import { FileLinks } from './file-links.js';
import { upload, UploadCounts } from './upload.js';

export interface FileRouteDeps {
  accounts: Accounts;
  store: Store;
  blobs: BlobStore;
  logger: Logger;
  maxUploadBytes: number;
  now: () => number;
  /** The upload idle timeout's timers. */
  timers: Timers;
  announce: (update: UserUpdate) => Promise<void>;
}

type SignedInHandle = (session: Session, req: IncomingMessage, res: ServerResponse) => Promise<void>;

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
const noSuchFile = () => new ProtocolError('not_found', 'There is no such file.');

/** The routes of files and avatars: `at(path)` gives the handlers of one address, if it is one of theirs. */
export function fileRoutes(deps: FileRouteDeps): { at(path: string): Handlers | undefined; maxUploadBytes: number } {
  const signedIn =
    (handle: SignedInHandle) =>
    async (req: IncomingMessage, res: ServerResponse): Promise<void> =>
      handle(await deps.accounts.authenticate(bearerToken(req)), req, res);
  const uploads = new UploadCounts();
  const links = new FileLinks(deps.store, deps.now);
  const uploadDeps = { ...deps, uploads };

  const download = async (id: string, req: IncomingMessage, res: ServerResponse) => {
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    // A signed link reads without a token, for whom it was made, while they still may.
    const reader = query.has('sig')
      ? await links.reader(id, query)
      : (await deps.accounts.authenticate(bearerToken(req))).user.id;
    const file = reader === null ? null : await deps.store.readableFile(id, reader);
    if (!file) throw noSuchFile();
    await serveBlob(
      deps.blobs,
      deps.logger,
      {
        blobKey: file.blobKey,
        size: file.size,
        mime: file.mime,
        etag: file.sha256,
        name: file.name,
        inline: isInlineImage(file.mime),
        cacheControl: 'private, no-cache',
      },
      req,
      res,
    );
  };

  const link = async (session: Session, id: string, res: ServerResponse) => {
    if (!(await deps.store.readableFile(id, session.user.id))) throw noSuchFile();
    sendJson(res, 200, await links.link(id, session.user.id));
  };

  return {
    maxUploadBytes: deps.maxUploadBytes,
    at(path) {
      if (path === httpPaths.files)
        return { POST: signedIn((session, req, res) => upload(uploadDeps, session, req, res)) };
      if (path === httpPaths.myAvatar) {
        return {
          PUT: signedIn((session, req, res) => setAvatar(deps, session, req, res)),
          DELETE: signedIn((session, _req, res) => removeAvatar(deps, session, res)),
        };
      }
      if (path.startsWith(httpPaths.avatar)) {
        const id = path.slice(httpPaths.avatar.length);
        return { GET: signedIn((_session, req, res) => getAvatar(deps, id, req, res)) };
      }
      if (!path.startsWith(httpPaths.file)) return undefined;
      const [id = '', action, ...rest] = path.slice(httpPaths.file.length).split('/');
      if (!idPattern.test(id) || rest.length > 0) return undefined;
      if (action === undefined) return { GET: (req, res) => download(id, req, res) };
      if (action === 'link') return { POST: signedIn((session, _req, res) => link(session, id, res)) };
      return undefined;
    },
  };
}
