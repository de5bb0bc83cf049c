// Node runtime, pure: every word the desktop shows outside the window (tray, tooltip, app
// menu, notifications, the right-click menu), in each language the Settings offer.
import type { Settings } from '../../ipc/contract.js';

export type Language = Settings['language'];

export interface DesktopStrings {
  appName: string;
  /** The tray tooltip, e.g. "Messenger — 3 unread messages". */
  tooltip(unread: number): string;
  /** The tray menu's line: "No unread messages", "1 unread message". */
  unread(total: number): string;
  /** A notification's body when the user hides message content. */
  hiddenBody: string;
  open: string;
  doNotDisturb: string;
  doNotDisturbUntilTomorrow: string;
  quit: string;
  file: string;
  edit: string;
  view: string;
  window: string;
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  resetZoom: string;
  zoomIn: string;
  zoomOut: string;
  fullScreen: string;
  reload: string;
  devTools: string;
  minimize: string;
  close: string;
  addToDictionary: string;
  noSuggestions: string;
}

const en: DesktopStrings = {
  appName: 'Messenger',
  tooltip: (unread) => (unread <= 0 ? 'Messenger' : `Messenger — ${en.unread(unread)}`),
  unread: (total) => (total <= 0 ? 'No unread messages' : `${total} unread ${total === 1 ? 'message' : 'messages'}`),
  hiddenBody: 'New message',
  open: 'Open',
  doNotDisturb: 'Do not disturb',
  doNotDisturbUntilTomorrow: 'Do not disturb until tomorrow 8:00',
  quit: 'Quit',
  file: 'File',
  edit: 'Edit',
  view: 'View',
  window: 'Window',
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select all',
  resetZoom: 'Actual size',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fullScreen: 'Full screen',
  reload: 'Reload',
  devTools: 'Developer tools',
  minimize: 'Minimize',
  close: 'Close',
  addToDictionary: 'Add to dictionary',
  noSuggestions: 'No suggestions',
};

const zh: DesktopStrings = {
  appName: 'Messenger',
  tooltip: (unread) => (unread <= 0 ? 'Messenger' : `Messenger — ${zh.unread(unread)}`),
  unread: (total) => (total <= 0 ? '没有未读消息' : `${total} 条未读消息`),
  hiddenBody: '新消息',
  open: '打开',
  doNotDisturb: '勿扰模式',
  doNotDisturbUntilTomorrow: '勿扰至明天 8:00',
  quit: '退出',
  file: '文件',
  edit: '编辑',
  view: '视图',
  window: '窗口',
  undo: '撤销',
  redo: '重做',
  cut: '剪切',
  copy: '复制',
  paste: '粘贴',
  selectAll: '全选',
  resetZoom: '实际大小',
  zoomIn: '放大',
  zoomOut: '缩小',
  fullScreen: '全屏',
  reload: '重新加载',
  devTools: '开发者工具',
  minimize: '最小化',
  close: '关闭',
  addToDictionary: '添加到词典',
  noSuggestions: '没有建议',
};

export const desktopStrings: Readonly<Record<Language, DesktopStrings>> = { en, zh };

export function stringsFor(language: Language): DesktopStrings {
  return desktopStrings[language];
}
