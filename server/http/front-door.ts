// Everything that reaches the port passes here first. A request or upgrade that carries Origin
// (made by a web page) is refused before anything else sees it; /socket.io/ goes to engine.io;
// other requests go to the HTTP API, and upgrades anywhere else are refused.
import type { IncomingMessage, RequestListener, Server as HttpServer } from 'node:http';
import { ProtocolError } from '../../protocol/errors.js';
import { limits } from '../../protocol/limits.js';
import type { Logger } from '../logger.js';
import type { SocketEngine } from './engine.js';
import { nowhere, refuseUpgrade, sendJson } from './error-response.js';

export interface FrontDoorDeps {
  api: RequestListener;
  engine: SocketEngine;
  logger: Logger;
  /** New Socket.IO connections are refused while this node holds this many. */
  maxConnections: number;
}

const socketIoPath = '/socket.io/';

/** Web pages are refused with 403 (not 401): no token would make their request acceptable. */
const webPageStatus = 403;
const webPageRefused = () => new ProtocolError('unauthorized', 'Requests from web pages are not accepted.');

const fullStatus = 503;
const full = () => new ProtocolError('internal', 'The server has too many connections; try again later.');

export function openFrontDoor(httpServer: HttpServer, deps: FrontDoorDeps): void {
  const { api, engine, logger } = deps;
  /** A request without a session id would open a new engine.io session. */
  const wouldBeOneTooMany = (req: IncomingMessage) =>
    engine.clientsCount >= deps.maxConnections && !new URLSearchParams(queryOf(req)).has('sid');

  httpServer.on('request', (req, res) => {
    if (req.headers.origin !== undefined) {
      logger.debug(`refused ${req.method} ${pathOf(req)}: it carries Origin`);
      sendJson(res, webPageStatus, { error: webPageRefused().toBody() });
      // Discard an unread body so the answer can be delivered.
      req.resume();
      return;
    }
    if (!pathOf(req).startsWith(socketIoPath)) return api(req, res);
    if (wouldBeOneTooMany(req)) {
      logger.debug(`refused a new connection: ${engine.clientsCount} are open`);
      sendJson(res, fullStatus, { error: full().toBody() });
      req.resume();
      return;
    }
    engine.handleRequest(req, res);
    // engine.io answers a polling POST over the packet limit with 413 but keeps its session, so
    // a polling client would wait on it forever. End the session, as a WebSocket that sends
    // such a packet ends: the client sees its connection close and connects again.
    if (req.method !== 'POST') return;
    res.once('finish', () => {
      const sid = new URLSearchParams(queryOf(req)).get('sid');
      if (res.statusCode !== 413 || sid === null) return;
      logger.debug(`closed session ${sid}: a polling request over ${limits.maxPacketBytes} bytes`);
      engine.session(sid)?.close();
    });
  });

  httpServer.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    const refuse = (why: string, status: number, error: ProtocolError) => {
      logger.debug(`refused an upgrade of ${pathOf(req)}: ${why}`);
      socket.on('error', (failure) => logger.debug(`a refused upgrade's connection failed: ${failure.message}`));
      refuseUpgrade(socket, status, error);
    };
    if (req.headers.origin !== undefined) return refuse('it carries Origin', webPageStatus, webPageRefused());
    if (!pathOf(req).startsWith(socketIoPath)) return refuse('unknown path', 404, nowhere());
    if (wouldBeOneTooMany(req)) return refuse(`${engine.clientsCount} connections are open`, fullStatus, full());
    engine.handleUpgrade(req, socket, head);
  });
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0]!;
}

function queryOf(req: IncomingMessage): string {
  return (req.url ?? '').split('?')[1] ?? '';
}
