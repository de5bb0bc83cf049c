// Browser runtime (Vitest's Chromium). A file reaches main in pieces of at most pieceBytes,
// byte for byte; a refusal part-way drops what main kept and says why in the user's words.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLimits } from '../../../main/ipc/files-contract.js';
import { Composer } from '../../../renderer/chat/Composer.js';
import { pastedName, stageFile } from '../../../renderer/files/stage-file.js';
import { text } from '../../../renderer/i18n/strings.js';
import { messenger } from '../../../renderer/ipc/api.js';
import { setUpStage, show, tearDownStage } from '../chat/chat-stage.js';
import type { FakeApi } from '../ipc/fake-api.js';
import { pick, stagesFiles } from './file-fakes.js';

let fake: FakeApi;
beforeEach(() => {
  fake = setUpStage();
});
afterEach(tearDownStage);

describe('stageFile', () => {
  it('hands the bytes over in pieces of at most pieceBytes, in order, then finishes', async () => {
    const staged = stagesFiles(fake);
    const bytes = new Uint8Array(fileLimits.pieceBytes * 2 + 1234);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) % 256;
    const file = await stageFile(messenger(), new Blob([bytes]), 'report.pdf');

    expect(file).toMatchObject({ stagedId: 'staged-1', name: 'report.pdf', size: bytes.length });
    const { pieces, size } = staged.get('staged-1')!;
    expect(size).toBe(bytes.length);
    expect(pieces.map((piece) => piece.length)).toEqual([fileLimits.pieceBytes, fileLimits.pieceBytes, 1234]);
    const joined = new Uint8Array(bytes.length);
    let at = 0;
    for (const piece of pieces) {
      joined.set(piece, at);
      at += piece.length;
    }
    expect(joined.every((byte, i) => byte === bytes[i])).toBe(true);
    expect(fake.calls.map((call) => call.name)).toEqual([
      'beginFile',
      'appendFile',
      'appendFile',
      'appendFile',
      'finishFile',
    ]);
  });

  it('drops the half-staged file when main refuses it, and passes the refusal on', async () => {
    stagesFiles(fake);
    fake.fail('finishFile', 'bad_request');
    await expect(stageFile(messenger(), new Blob(['not really a pdf']), 'x.pdf')).rejects.toMatchObject({
      code: 'bad_request',
    });
    expect(fake.named('dropFile')).toEqual([{ stagedId: 'staged-1' }]);
  });

  it('names a pasted image after when it was pasted', () => {
    const pasted = new File([new Uint8Array(4)], 'image.png', { type: 'image/png' });
    const name = pastedName(pasted, (when) => `Pasted image ${when}`, new Date(2026, 0, 2, 3, 4, 5));
    expect(name).toBe('Pasted image 2026-01-02 03.04.05.png');
    const named = new File([new Uint8Array(4)], 'holiday.jpg', { type: 'image/jpeg' });
    expect(pastedName(named, () => 'unused')).toBe('holiday.jpg');
  });
});

describe('a file main refuses', () => {
  it('stays in the strip saying why, in the user’s words, until removed', async () => {
    fake.fail('beginFile', 'too_large');
    show(<Composer who={2} />);
    pick(screen.getByTestId<HTMLInputElement>('file-picker'), [new File(['x'.repeat(10)], 'huge.iso')]);
    expect((await screen.findByRole('alert')).textContent).toBe('This file is larger than the server accepts.');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Send' }).disabled).toBe(true);
    screen.getByRole('button', { name: text('en', 'removeAttachment', { name: 'huge.iso' }) }).click();
    await expect.poll(() => screen.queryAllByTestId('staged-item')).toHaveLength(0);
  });
});
