// HTTP: register, login, logout, the health check, the user's own account (account-api.ts) and
// the administrators' endpoints under /api/admin/ (admin-api.ts). Everything else is 404. Requests
// from web pages never get here (front-door.ts).
import type { RequestListener } from 'node:http';
import type { Accounts, SignedIn } from '../accounts/accounts.js';
import type { SelfService } from '../accounts/self-service.js';
import type { SignInLimits } from '../accounts/sign-in-limits.js';
import type { Presence } from '../chat/presence.js';
import type { Logger } from '../logger.js';
import {
  httpPaths,
  type ErrorBody,
  type RegistrationMode,
  type Role,
  type ServerInfo,
  type SessionResponse,
} from '../../protocol/contract.js';
import { limits, statedLimits } from '../../protocol/limits.js';
import { errorBody, ProtocolError } from '../../protocol/errors.js';
import { nameKey, parse } from '../../protocol/schemas.js';
import type { InFlight } from '../in-flight.js';
import { nowhere, sendJson, statusOf, StatusError } from './error-response.js';
import { clientAddress } from './client-address.js';
import { readJsonBody } from './json-body.js';
import { accountRoutes, accountSessionRoute, bearerToken, type Route } from './account-api.js';
import { adminRoutes, type AdminDeps, type Handlers } from './admin-api.js';
import { realTimers, type Timers } from '../timers.js';

export interface HttpDeps {
  accounts: Accounts;
  /** The signed-in user's own account (account-api.ts). */
  self: SelfService;
  signInLimits: SignInLimits;
  /** Take the client address from X-Forwarded-For (--trust-proxy). */
  trustProxy: boolean;
  inFlight: InFlight;
  presence: Presence;
  logger: Logger;
  /** Disconnects the sockets of sessions that ended (logout, or the per-user cap at login). */
  endSession: (tokenHash: string) => void;
  isDraining: () => boolean;
  /** Who may register, told by GET /api/server-info. */
  registration: RegistrationMode;
  /**
   * How long a sign-in refused by its limits (429) is held before it is answered: a client that
   * retries at once then costs a handful of requests a second, not thousands (default 1 s).
   */
  refusalDelayMs?: number;
  timers?: Timers;
  /** The administrators' endpoints under /api/admin/. */
  admin: AdminDeps;
  /** Files and avatars (server/files/file-routes.ts). */
  files: { at(path: string): Handlers | undefined; maxUploadBytes: number };
  /** The update feed and installers under /updates/ (server/updates/update-routes.ts), with --updates-dir. */
  updates?: { at(path: string): Handlers | undefined };
}

/** At most this many refusals are held back at once; beyond it they are answered at once. */
export const maxHeldRefusals = 256;

const adminPrefix = '/api/admin/';

export function createHttpApi(deps: HttpDeps): RequestListener {
  const routes: Record<string, Route> = {
    ...accountRoutes(deps),
    [httpPaths.register]: {
      method: 'POST',
      handle: async (req, res) => {
        const registration = parse.registration(await readJsonBody(req));
        const attempt = deps.signInLimits.register(clientAddress(req, deps.trustProxy));
        const session = await attempt.settle(deps.accounts.register(registration));
        deps.logger.info(`user ${session.user.id} registered (${session.role})`);
        sendJson(res, 201, sessionResponse(session, false));
      },
    },
    [httpPaths.login]: {
      method: 'POST',
      handle: async (req, res) => {
        const credentials = parse.login(await readJsonBody(req));
        const address = clientAddress(req, deps.trustProxy);
        const attempt = deps.signInLimits.login(nameKey(credentials.name), address);
        const session = await attempt.settle(deps.accounts.login(credentials));
        session.ended.forEach(deps.endSession);
        sendJson(res, 200, sessionResponse(session, deps.presence.isOnline(session.user.id)));
      },
    },
    [httpPaths.logout]: {
      method: 'POST',
      handle: async (req, res) => {
        const tokenHash = await deps.accounts.logout(bearerToken(req));
        deps.endSession(tokenHash);
        res.writeHead(204).end();
      },
    },
    [httpPaths.serverInfo]: {
      method: 'GET',
      handle: async (_req, res) => sendJson(res, 200, serverInfo(deps.registration, deps.files.maxUploadBytes)),
    },
    [httpPaths.health]: {
      method: 'GET',
      handle: async (_req, res) => sendJson(res, 200, { ok: true }),
    },
  };

  const sessionRoute = accountSessionRoute(deps);
  const refusalDelayMs = deps.refusalDelayMs ?? 1000;
  const timers = deps.timers ?? realTimers;
  let held = 0;

  return (req, res) => {
    const fail = (status: number | undefined, error: unknown): Promise<void> | undefined => {
      const body = errorBody(error);
      if (body.code === 'rate_limited' && refusalDelayMs > 0 && held < maxHeldRefusals) {
        held++;
        return new Promise<void>((resolve) =>
          timers.setTimeout(() => {
            held--;
            answer(status, error, body);
            resolve();
          }, refusalDelayMs),
        );
      }
      answer(status, error, body);
      return undefined;
    };
    const answer = (status: number | undefined, error: unknown, body: ErrorBody) => {
      if (!(error instanceof ProtocolError)) deps.logger.error(`${req.method} ${req.url} failed`, error);
      // The rest of the body is not waited for: the connection closes after the answer.
      if (body.code === 'too_large' || status === 408) res.setHeader('connection', 'close');
      if (body.retryAfterMs !== undefined) res.setHeader('retry-after', Math.ceil(body.retryAfterMs / 1000));
      sendJson(res, status ?? statusOf[body.code], { error: body });
      // Discard what is left of an unread body so the response can be delivered.
      req.resume();
    };
    if (deps.isDraining()) {
      return void fail(503, new ProtocolError('internal', 'The server is shutting down; try again shortly.'));
    }
    const path = (req.url ?? '/').split('?')[0]!;
    const route = routes[path] ?? (path.startsWith(httpPaths.accountSession) ? sessionRoute : undefined);
    const handlers: Handlers | undefined = path.startsWith(adminPrefix)
      ? adminRoutes(deps.admin, path)
      : ((route && { [route.method]: route.handle }) ?? deps.files.at(path) ?? deps.updates?.at(path));
    if (!handlers) return void fail(404, nowhere());
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const handle = handlers[method as keyof Handlers];
    if (!handle) {
      const allowed = Object.keys(handlers).join(', ');
      res.setHeader('allow', allowed);
      return void fail(405, new ProtocolError('bad_request', `Use ${allowed} for this address.`));
    }
    void deps.inFlight.track(() =>
      handle(req, res).catch((error: unknown) => fail(error instanceof StatusError ? error.status : undefined, error)),
    );
  };
}

function serverInfo(registration: RegistrationMode, maxUploadBytes: number): ServerInfo {
  return { registration, limits: { ...statedLimits, maxUploadBytes, attachmentsMax: limits.attachmentsMax } };
}

function sessionResponse({ user, token, role }: SignedIn & { role?: Role }, online: boolean): SessionResponse {
  return { user: { id: user.id, name: user.name, online, ...(role ? { role } : {}) }, token };
}
