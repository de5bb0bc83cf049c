// A logger for an in-process server that keeps every line as the real one writes it (at debug
// level), so a test can read them and wait for one instead of sleeping.
import { stderrLogger, type Logger } from '../../server/logger.js';
import { LineCapture } from './line-capture.js';

export class LogLines extends LineCapture {
  readonly logger: Logger = stderrLogger('debug', this.write);
}
