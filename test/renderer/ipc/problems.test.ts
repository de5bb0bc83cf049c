// The renderer's reports to main's log: cut to the limits main accepts, never a thrown value
// that is not an Error, and never a rejection of their own; what nothing caught is reported.
import { beforeEach, describe, expect, it } from 'vitest';
import { problemReportLimits } from '../../../main/ipc/contract.js';
import { connectApi } from '../../../renderer/ipc/api.js';
import { reportProblem, reportUnlessAnswered, watchUncaughtErrors } from '../../../renderer/ipc/problems.js';
import { FakeApi } from './fake-api.js';

let fake: FakeApi;
beforeEach(() => {
  fake = new FakeApi();
  connectApi(fake.api);
});

describe('reportProblem', () => {
  it('sends the error’s name, message and stack, cut to what main accepts', () => {
    const error = new RangeError('x'.repeat(problemReportLimits.messageMax));
    error.stack = `RangeError\n${'    at f (index.js:1:1)\n'.repeat(200)}`;
    reportProblem('c'.repeat(problemReportLimits.contextMax + 5), error);
    const [sent] = fake.reports;
    expect(sent!.context).toHaveLength(problemReportLimits.contextMax);
    expect(sent!.message).toHaveLength(problemReportLimits.messageMax);
    expect(sent!.message).toMatch(/^RangeError: x+$/);
    expect(sent!.stack).toHaveLength(problemReportLimits.stackMax);
  });

  it('sends only the type of a thrown value that is not an Error: it could be what the user typed', () => {
    reportProblem('sending', 'my private words');
    reportProblem('sending', null);
    expect(fake.reports).toEqual([
      { context: 'sending', message: 'thrown string' },
      { context: 'sending', message: 'thrown null' },
    ]);
  });

  it('swallows a report main refuses, so reporting never ends in an unhandled rejection', async () => {
    fake.fail('reportProblem', 'bad_request');
    reportProblem('anything', new Error('x'));
    // Had the refusal escaped, Vitest would fail this file with an unhandled rejection.
    await expect.poll(() => fake.reports).toHaveLength(1);
  });
});

describe('reportUnlessAnswered', () => {
  it('leaves failures main answered (with a code) to main’s log, and reports the rest', () => {
    reportUnlessAnswered('opening a chat', Object.assign(new Error('Not connected.'), { code: 'offline' }));
    reportUnlessAnswered('opening a chat', new TypeError('boom'));
    expect(fake.reports.map((report) => report.message)).toEqual(['TypeError: boom']);
  });
});

describe('watchUncaughtErrors', () => {
  it('reports an uncaught error and an unhandled rejection', () => {
    const page = new EventTarget();
    watchUncaughtErrors(page);
    page.dispatchEvent(Object.assign(new Event('error'), { error: new SyntaxError('bad token') }));
    page.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: new Error('nobody waited') }));
    page.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: 'a message the user typed' }));
    expect(fake.reports.map(({ context, message }) => [context, message])).toEqual([
      ['uncaught error', 'SyntaxError: bad token'],
      ['unhandled rejection', 'Error: nobody waited'],
      ['unhandled rejection', 'thrown string'],
    ]);
  });
});
