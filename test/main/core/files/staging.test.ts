// Staging: a picked file is copied into the profile in pieces, checked, and shown to the page
// from there; the rules refuse what the server would, and nothing staged outlives the session.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileLimits } from '../../../../main/ipc/files-contract.js';
import { useServerAndCores } from '../../../support/cores.js';
import { pdfBytes, pngBytes, sha256, stage } from '../../../support/staged-files.js';

const outgoing = (profileDir: string) => fs.readdirSync(path.join(profileDir, 'outgoing'));

describe('staging files', () => {
  const world = useServerAndCores();

  it('sniffs, measures and hashes a staged image, and serves it to the page', async () => {
    const { core } = await world.signedUp('stager');
    const bytes = pngBytes(640, 480, 3 * fileLimits.pieceBytes);
    const staged = await stage(core, 'photo.jpg', bytes);
    expect(staged).toMatchObject({
      name: 'photo.jpg',
      size: bytes.length,
      // The bytes say PNG, whatever the name says.
      mime: 'image/png',
      sha256: sha256(bytes),
      width: 640,
      height: 480,
      url: `/files/${sha256(bytes)}`,
    });
    const served = await core.bridge.servedFile(staged.url!);
    expect(served?.mime).toBe('image/png');
    expect(fs.readFileSync(served!.file).equals(bytes)).toBe(true);
  });

  it('gives a file that is not an image no url, and the page cannot load it', async () => {
    const { core } = await world.signedUp('stager');
    const bytes = pdfBytes();
    const staged = await stage(core, 'report.pdf', bytes);
    expect(staged).toMatchObject({ mime: 'application/pdf', url: null });
    expect(await core.bridge.servedFile(`/files/${staged.sha256}`)).toBeNull();
  });

  it('refuses a file over the server upload limit at once', async () => {
    const { core } = await world.signedUp('stager');
    await expect(core.call('beginFile', { name: 'huge.bin', size: 100 * 1024 * 1024 + 1 })).rejects.toMatchObject({
      code: 'too_large',
    });
    expect(outgoing(core.profileDir)).toEqual([]);
  });

  it('refuses bytes past the announced size, and a finish before all arrived', async () => {
    const { core } = await world.signedUp('stager');
    const { stagedId } = await core.call('beginFile', { name: 'a.bin', size: 4 });
    await core.call('appendFile', { stagedId, data: Buffer.from('abc').toString('base64') });
    await expect(core.call('finishFile', { stagedId })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(
      core.call('appendFile', { stagedId, data: Buffer.from('de').toString('base64') }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    await core.call('appendFile', { stagedId, data: Buffer.from('d').toString('base64') });
    expect(await core.call('finishFile', { stagedId })).toMatchObject({ size: 4 });
  });

  it('refuses a piece larger than fileLimits.pieceBytes', async () => {
    const { core } = await world.signedUp('stager');
    const { stagedId } = await core.call('beginFile', { name: 'b.bin', size: 2 * fileLimits.pieceBytes });
    const data = Buffer.alloc(fileLimits.pieceBytes + 1).toString('base64');
    await expect(core.call('appendFile', { stagedId, data })).rejects.toMatchObject({ code: 'bad_request' });
    expect(fs.statSync(path.join(core.profileDir, 'outgoing', stagedId)).size).toBe(0);
  });

  it(`keeps at most ${fileLimits.stagedMax} files staged; dropping one makes room`, async () => {
    const { core } = await world.signedUp('stager');
    const ids: string[] = [];
    for (let i = 0; i < fileLimits.stagedMax; i++) {
      ids.push((await core.call('beginFile', { name: `f${i}`, size: 1 })).stagedId);
    }
    await expect(core.call('beginFile', { name: 'one more', size: 1 })).rejects.toMatchObject({ code: 'conflict' });
    await core.call('dropFile', { stagedId: ids[0] });
    await core.call('beginFile', { name: 'one more', size: 1 });
    expect(outgoing(core.profileDir)).toHaveLength(fileLimits.stagedMax);
  });

  it('removes staged files at sign-out and at the next start', async () => {
    const { core } = await world.signedUp('stager');
    await stage(core, 'a.pdf', pdfBytes());
    const reopened = await world.reopen(core);
    expect(outgoing(reopened.profileDir)).toEqual([]);
    await stage(reopened, 'b.pdf', pdfBytes());
    expect(outgoing(reopened.profileDir)).toHaveLength(1);
    await reopened.call('logout');
    expect(outgoing(reopened.profileDir)).toEqual([]);
  });
});
