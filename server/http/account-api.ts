// HTTP: the signed-in user's own account (GET /api/account and /api/account/...). Every route
// authenticates the bearer token first: an ended, expired or refused session is 401.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpPaths } from '../../protocol/contract.js';
import { ProtocolError } from '../../protocol/errors.js';
import { parse } from '../../protocol/schemas.js';
import type { Accounts, Session } from '../accounts/accounts.js';
import type { SelfService } from '../accounts/self-service.js';
import type { Logger } from '../logger.js';
import { sendJson } from './error-response.js';
import { readJsonBody } from './json-body.js';

export interface AccountApiDeps {
  accounts: Accounts;
  self: SelfService;
  logger: Logger;
}

export type Route = { method: string; handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> };

/** The routes at exact paths. */
export function accountRoutes({ accounts, self, logger }: AccountApiDeps): Record<string, Route> {
  const signedIn =
    (handle: (session: Session, req: IncomingMessage, res: ServerResponse) => Promise<void>) =>
    async (req: IncomingMessage, res: ServerResponse) =>
      handle(await accounts.authenticate(bearerToken(req)), req, res);
  return {
    [httpPaths.account]: {
      method: 'GET',
      handle: signedIn(async (session, _req, res) => sendJson(res, 200, await self.account(session))),
    },
    [httpPaths.accountPassword]: {
      method: 'POST',
      handle: signedIn(async (session, req, res) => {
        const { current, password } = parse.changePassword(await readJsonBody(req));
        await self.changePassword(session, current, password);
        logger.info(`user ${session.user.id} changed their password`);
        res.writeHead(204).end();
      }),
    },
    [httpPaths.accountName]: {
      method: 'POST',
      handle: signedIn(async (session, req, res) => {
        const { name } = parse.rename(await readJsonBody(req));
        sendJson(res, 200, await self.rename(session, name));
      }),
    },
    [httpPaths.accountSettings]: {
      method: 'PUT',
      handle: signedIn(async (session, req, res) => {
        const settings = parse.accountSettings(await readJsonBody(req));
        sendJson(res, 200, await self.saveSettings(session, settings));
      }),
    },
    [httpPaths.accountSessions]: {
      method: 'GET',
      handle: signedIn(async (session, _req, res) => sendJson(res, 200, { sessions: await self.sessions(session) })),
    },
    [httpPaths.accountEndOtherSessions]: {
      method: 'POST',
      handle: signedIn(async (session, _req, res) =>
        sendJson(res, 200, { ended: await self.endOtherSessions(session) }),
      ),
    },
    [httpPaths.accountDelete]: {
      method: 'POST',
      handle: signedIn(async (session, req, res) => {
        const { password } = parse.deleteAccount(await readJsonBody(req));
        await self.deleteAccount(session, password);
        logger.info(`user ${session.user.id} deleted their account`);
        res.writeHead(204).end();
      }),
    },
  };
}

/** DELETE /api/account/sessions/<id>: the route for paths under httpPaths.accountSession. */
export function accountSessionRoute({ accounts, self }: AccountApiDeps): Route {
  return {
    method: 'DELETE',
    handle: async (req, res) => {
      const session = await accounts.authenticate(bearerToken(req));
      const id = (req.url ?? '').split('?')[0]!.slice(httpPaths.accountSession.length);
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new ProtocolError('not_found', 'You have no session with that id.');
      await self.endSession(session, id);
      res.writeHead(204).end();
    },
  };
}

export function bearerToken(req: IncomingMessage): string {
  const match = /^Bearer ([^\s]+)$/i.exec(req.headers.authorization ?? '');
  if (!match) throw new ProtocolError('unauthorized', 'Send the session token as "Authorization: Bearer <token>".');
  return match[1]!;
}
