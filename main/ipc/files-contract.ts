// The renderer's side of attachments and avatars: files the user picked, pasted or dropped are
// handed to main in pieces and kept in the profile; the page shows them through the app's own
// URLs (`/files/…` on its own origin), so it never reaches the network itself.
import type { Attachment } from '../../protocol/contract.js';

/** A file on a message as the user sees it. */
export interface ChatAttachment extends Omit<Attachment, 'id'> {
  /** The server's file id; null while the sender's upload has not finished. */
  id: string | null;
  /** While the sender's upload runs: the bytes sent so far. */
  sent?: number;
}

/** A file the user picked, pasted or dropped, copied into the profile and ready to send. */
export interface StagedFile extends Omit<Attachment, 'id'> {
  stagedId: string;
  /** Where the page can show it (images only): a path on the page's own origin. `mime` is sniffed as the server will. */
  url: string | null;
}

export interface BeginFileInput {
  /** The file's name as the user sees it (a pasted image gets one from the renderer). */
  name: string;
  /** Its whole size in bytes: more than the server's upload limit is refused at once (`too_large`). */
  size: number;
}
export interface AppendFileInput {
  stagedId: string;
  /** The next piece, base64; at most `fileLimits.pieceBytes` bytes once decoded. */
  data: string;
}
export interface StagedFileInput {
  stagedId: string;
}

/** A stored attachment the user wants to see, open or save. */
export interface FileInput {
  id: string;
  sha256: string;
  name: string;
  size: number;
  mime: string;
}
/** Where the page can show the file: a path on its own origin. */
export interface FileUrl {
  url: string;
}
/** Where Save as… put the file; null when the user cancelled. */
export type SavedFile = { savedTo: string } | null;

export interface AvatarInput {
  avatar: string;
}

export const fileLimits = {
  /** One appendFile piece, decoded. */
  pieceBytes: 1024 * 1024,
  /** Files staged at once in the preview strip (as many as a message may carry). */
  stagedMax: 10,
} as const;

/** Requests about files (part of MessengerRequests). */
export interface FileRequests {
  /** Starts copying a picked, pasted or dropped file into the profile. */
  beginFile(input: BeginFileInput): Promise<{ stagedId: string }>;
  appendFile(input: AppendFileInput): Promise<void>;
  /** All pieces are in: the file is checked (size, type) and shown in the preview strip. */
  finishFile(input: StagedFileInput): Promise<StagedFile>;
  /** Removed from the preview strip before sending (or never finished). */
  dropFile(input: StagedFileInput): Promise<void>;
  /** Downloads the attachment into the profile's cache if needed; where the page can show it. */
  fileUrl(input: FileInput): Promise<FileUrl>;
  /** Opens the attachment with the system's application for its type. */
  openFile(input: FileInput): Promise<void>;
  /** Save as…: asks where, and copies the attachment there. */
  saveFile(input: FileInput): Promise<SavedFile>;
  /** Stops the uploads of a message still uploading and removes it: it is never sent. */
  cancelSend(input: { clientId: string }): Promise<void>;
  /** A user's avatar, downloaded into the cache if needed. */
  avatarUrl(input: AvatarInput): Promise<FileUrl>;
  /** Makes a staged image the user's avatar. */
  setAvatar(input: StagedFileInput): Promise<void>;
  removeAvatar(): Promise<void>;
}

export const fileRequestNames = [
  'beginFile',
  'appendFile',
  'finishFile',
  'dropFile',
  'fileUrl',
  'openFile',
  'saveFile',
  'cancelSend',
  'avatarUrl',
  'setAvatar',
  'removeAvatar',
] as const satisfies readonly (keyof FileRequests)[];

/** Pushed while an attachment downloads (fileUrl, openFile, saveFile). */
export interface FileProgress {
  id: string;
  received: number;
  total: number;
}
