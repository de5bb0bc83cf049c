// Everything that reaches the port passes here first: /socket.io/ goes to engine.io, other
// requests to the HTTP API, and upgrades anywhere else are refused.
import type { IncomingMessage, RequestListener, Server as HttpServer } from 'node:http';
import type { ProtocolError } from '../../protocol/errors.js';
import type { Logger } from '../logger.js';
import type { SocketEngine } from './engine.js';
import { nowhere, refuseUpgrade } from './error-response.js';

export interface FrontDoorDeps {
  api: RequestListener;
  engine: SocketEngine;
  logger: Logger;
}

const socketIoPath = '/socket.io/';

export function openFrontDoor(httpServer: HttpServer, { api, engine, logger }: FrontDoorDeps): void {
  httpServer.on('request', (req, res) => {
    if (!pathOf(req).startsWith(socketIoPath)) return api(req, res);
    engine.handleRequest(req, res);
  });

  httpServer.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    const refuse = (why: string, status: number, error: ProtocolError) => {
      logger.debug(`refused an upgrade of ${pathOf(req)}: ${why}`);
      socket.on('error', (failure) => logger.debug(`a refused upgrade's connection failed: ${failure.message}`));
      refuseUpgrade(socket, status, error);
    };
    if (!pathOf(req).startsWith(socketIoPath)) return refuse('unknown path', 404, nowhere());
    engine.handleUpgrade(req, socket, head);
  });
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0]!;
}
