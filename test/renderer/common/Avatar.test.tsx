// Browser runtime (Vitest's Chromium). Avatars: the person's photo when the directory says they
// have one, initials otherwise and while it loads; a new avatar from user:updated replaces it.
// Settings → Account changes and removes the user's own photo.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { Avatar } from '../../../renderer/common/Avatar.js';
import { forgetAvatarUrls } from '../../../renderer/files/avatar-urls.js';
import { PhotoForm } from '../../../renderer/settings/account/PhotoForm.js';
import * as act from '../../../renderer/store/actions.js';
import { setUpStage, show, tearDownStage } from '../chat/chat-stage.js';
import { account, me, user } from '../fixtures.js';
import { pick, pngBlob, pngDataUrl, stagesFiles } from '../files/file-fakes.js';
import type { FakeApi } from '../ipc/fake-api.js';

let fake: FakeApi;
const avatar = () => document.querySelector<HTMLElement>('.avatar')!;

beforeEach(() => {
  fake = setUpStage();
  forgetAvatarUrls();
});
afterEach(tearDownStage);

describe('Avatar', () => {
  it('shows initials, and asks for no image, for someone without a photo', () => {
    act.contactsLoaded([user(2, 'bob smith')]);
    show(<Avatar id={2} name="bob smith" />);
    expect(avatar().dataset.initials).toBe('BS');
    expect(avatar().classList.contains('avatar-photo')).toBe(false);
    expect(avatar().querySelector('img')).toBeNull();
    expect(fake.named('avatarUrl')).toEqual([]);
  });

  it('shows the photo once it has loaded, initials until then', async () => {
    let answer: (url: { url: string }) => void = () => {};
    fake.answer('avatarUrl', () => new Promise<{ url: string }>((resolve) => (answer = resolve)) as never);
    act.contactsLoaded([{ ...user(2, 'bob'), avatar: 'av-1' }]);
    show(<Avatar id={2} name="bob" />);
    await expect.poll(() => fake.named('avatarUrl')).toEqual([{ avatar: 'av-1' }]);
    expect(avatar().classList.contains('avatar-photo')).toBe(false);
    answer({ url: await pngDataUrl(8, 8) });
    await expect.poll(() => avatar().classList.contains('avatar-photo')).toBe(true);
    const image = avatar().querySelector('img')!;
    expect(image.getBoundingClientRect().width).toBe(avatar().getBoundingClientRect().width);
    expect(getComputedStyle(avatar(), '::before').visibility).toBe('hidden');
  });

  it('follows a new avatar from user:updated, and goes back to initials without one', async () => {
    const urls: Record<string, string> = { 'av-1': await pngDataUrl(8, 8), 'av-2': await pngDataUrl(4, 4) };
    fake.answer('avatarUrl', ({ avatar: id }) => ({ url: urls[id]! }));
    act.contactsLoaded([{ ...user(2, 'bob'), avatar: 'av-1' }]);
    show(<Avatar id={2} name="bob" />);
    await expect.poll(() => avatar().querySelector('img')?.getAttribute('src')).toBe(urls['av-1']);
    fake.emit('userUpdated', { id: 2, name: 'bob', avatar: 'av-2' });
    await expect.poll(() => avatar().querySelector('img')?.getAttribute('src')).toBe(urls['av-2']);
    fake.emit('userUpdated', { id: 2, name: 'bob' });
    await expect.poll(() => avatar().querySelector('img')).toBeNull();
    expect(avatar().classList.contains('avatar-photo')).toBe(false);
  });
});

describe('Settings → Account: photo', () => {
  it('stages a picked image and makes it the avatar', async () => {
    stagesFiles(fake);
    act.contactsLoaded([user(me.id, me.name)]);
    show(<PhotoForm id={me.id} name={me.name} />);
    expect(screen.queryByRole('button', { name: 'Remove photo' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Change photo…' })).toBeTruthy();
    const png = await pngBlob(16, 16);
    pick(screen.getByTestId<HTMLInputElement>('photo-picker'), [new File([png], 'me.png', { type: 'image/png' })]);
    expect((await screen.findByRole('status')).textContent).toBe('Your photo is changed.');
    expect(fake.named('setAvatar')).toEqual([{ stagedId: 'staged-1' }]);
  });

  it('refuses a file that is not an image without sending anything', async () => {
    show(<PhotoForm id={me.id} name={me.name} />);
    pick(screen.getByTestId<HTMLInputElement>('photo-picker'), [
      new File(['%PDF'], 'cv.pdf', { type: 'application/pdf' }),
    ]);
    expect((await screen.findByRole('alert')).textContent).toBe('Choose a PNG, JPEG, GIF or WebP image.');
    expect(fake.named('beginFile')).toEqual([]);
  });

  it("shows the user's own photo from their account, which is not in their directory", async () => {
    const url = await pngDataUrl(8, 8);
    fake.answer('avatarUrl', () => ({ url }));
    show(<PhotoForm id={me.id} name={me.name} />);
    expect(screen.queryByRole('button', { name: 'Remove photo' })).toBeNull();
    fake.emit('account', { ...account, user: { ...account.user, avatar: 'mine' } });
    await expect.poll(() => avatar().querySelector('img')?.getAttribute('src')).toBe(url);
    expect(fake.named('avatarUrl')).toEqual([{ avatar: 'mine' }]);
    expect(screen.getByRole('button', { name: 'Remove photo' })).toBeTruthy();
  });

  it('removes the photo', async () => {
    act.accountChanged({ ...account, user: { ...account.user, avatar: 'mine' } });
    fake.answer('avatarUrl', () => new Promise<never>(() => {}) as never);
    show(<PhotoForm id={me.id} name={me.name} />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove photo' }));
    expect((await screen.findByRole('status')).textContent).toBe('Your photo is removed.');
    expect(fake.named('removeAvatar')).toHaveLength(1);
  });
});
