// Browser runtime, but pure. The words of the desktop around the chat: how times are written,
// the sign-in form's rules and field errors, Do not disturb, start at login, updates and the
// server going away, in English and 中文; spread into strings.ts's tables.

export const desktopEn = {
  // Time: the locale times are written in when the system's is another language's.
  timeLocale: 'en-US',

  // Sign-in: the rules, before submitting
  nameRule: '1 to {nameMax} characters.',
  passwordRule: 'At least {passwordMin} characters for a new account.',
  formError: 'Sign-in problem',

  // Settings → Do not disturb
  doNotDisturb: 'Do not disturb',
  doNotDisturbHint: 'No notifications or sounds; unread counts still show.',
  doNotDisturbOff: 'Off',
  doNotDisturbOn: 'On',
  doNotDisturbUntilMorning: 'Until tomorrow {time}',
  doNotDisturbUntilState: 'On until {when}.',
  startAtLogin: 'Start Messenger when you sign in to this computer',

  // Updates
  updateReady: 'Version {version} is ready.',
  restartToUpdate: 'Restart to update',
  updateDownloading: 'Downloading version {version}: {percent}%',
  updateFailed: 'The update could not be downloaded: {message}',

  // The server went away
  serverStopped: 'The server was stopped: {message}. Reconnecting when it is back.',
  serverRestarting: 'The server is restarting…',
  serverNoticeAt: 'since {time}',
};

export const desktopZh: Record<keyof typeof desktopEn, string> = {
  timeLocale: 'zh-CN',

  nameRule: '1 到 {nameMax} 个字符。',
  passwordRule: '新账号的密码至少 {passwordMin} 个字符。',
  formError: '登录问题',

  doNotDisturb: '勿扰模式',
  doNotDisturbHint: '不弹通知、不响提示音；未读数仍会显示。',
  doNotDisturbOff: '关闭',
  doNotDisturbOn: '开启',
  doNotDisturbUntilMorning: '直到明天 {time}',
  doNotDisturbUntilState: '开启至 {when}。',
  startAtLogin: '登录这台电脑时启动 Messenger',

  updateReady: '新版本 {version} 已准备好。',
  restartToUpdate: '重启以更新',
  updateDownloading: '正在下载版本 {version}：{percent}%',
  updateFailed: '无法下载更新：{message}',

  serverStopped: '服务器已停止：{message}。服务器恢复后会自动重新连接。',
  serverRestarting: '服务器正在重启…',
  serverNoticeAt: '自 {time}',
};
