// `npm run server`: read the settings, serve, and shut down cleanly on SIGTERM or SIGINT.
import type { ServerClosing } from '../protocol/contract.js';
import { startServer } from './app.js';
import { ConfigError, readConfig, usage } from './config.js';
import { stderrLogger } from './logger.js';
import { ownerStopped } from './shutdown.js';

/**
 * What connected users are told on SIGTERM/SIGINT: $MESSENGER_CLOSING_MESSAGE when whoever
 * started the server knows better (the app's bundled server), at most 200 characters.
 */
function closingNotice(env: NodeJS.ProcessEnv): ServerClosing {
  const message = env.MESSENGER_CLOSING_MESSAGE?.trim().slice(0, 200);
  return message ? { reason: 'shutdown', message } : ownerStopped;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const { logLevel, ...config } = readConfig(argv, process.env);
  const logger = stderrLogger(logLevel);
  // A bug in one request must not take everyone's connection down with it.
  process.on('unhandledRejection', (error) => logger.error('unhandled rejection', error));
  const server = await startServer({ ...config, logger });
  process.stdout.write(`listening on ${server.url}\n`);

  const stop = (signal: string) => {
    logger.info(`${signal}: finishing requests in flight, then closing`);
    server.close(closingNotice(process.env)).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    process.exit(2);
  }
  process.stderr.write(`The server could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
