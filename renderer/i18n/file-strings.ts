// Browser runtime, but pure. The words of attachments and avatars (composer, bubbles, viewer,
// chat list, Settings → Account's photo), in English and 中文; spread into strings.ts's tables.

export const filesEn = {
  // Composer
  attachFiles: 'Attach files',
  attachmentsLabel: 'Files to send',
  removeAttachment: 'Remove {name}',
  stagingFile: 'Preparing…',
  tooManyFiles: 'A message carries at most {attachmentsMax} files; the others were left out.',
  dropFilesHere: 'Drop files to send them to {name}',
  pastedImageName: 'Pasted image {when}',
  captionLabel: 'Caption',

  // Why a file could not be added or sent
  fileTooLarge: 'This file is larger than the server accepts.',
  fileUnreadable: 'This file could not be read.',
  fileGone: 'This file is no longer available.',
  fileOffline: 'Cannot reach the server to get this file.',
  fileFailed: 'Something went wrong with this file. Please try again.',

  // Bubbles
  imageLabel: 'Image {name}',
  imageUploading: 'Sending image…',
  fileUploadProgress: 'Sending: {done} of {total}',
  fileDownloadProgress: 'Downloading: {done} of {total}',
  cancelUpload: 'Cancel sending {name}',
  cancelTooLate: 'Its files are already uploaded: the message is on its way.',
  openFile: 'Open',
  openFileLabel: 'Open {name}',
  saveFileAs: 'Save as…',
  saveFileAsLabel: 'Save {name} as…',
  savedTo: 'Saved to {path}',

  // Viewer
  viewerClose: 'Close',
  viewerPrevious: 'Previous image',
  viewerNext: 'Next image',
  viewerPosition: '{n} of {count}',

  // Chat list
  previewImage: '[Image]',
  previewFile: '[File] {name}',

  // Settings → Account: photo
  photoHeading: 'Photo',
  photoChange: 'Change photo…',
  photoRemove: 'Remove photo',
  photoChanged: 'Your photo is changed.',
  photoRemoved: 'Your photo is removed.',
  photoNotImage: 'Choose a PNG, JPEG, GIF or WebP image.',
};

export const filesZh: Record<keyof typeof filesEn, string> = {
  attachFiles: '添加文件',
  attachmentsLabel: '待发送的文件',
  removeAttachment: '移除 {name}',
  stagingFile: '正在准备…',
  tooManyFiles: '一条消息最多带 {attachmentsMax} 个文件，其余的未添加。',
  dropFilesHere: '松开即可发送给 {name}',
  pastedImageName: '粘贴的图片 {when}',
  captionLabel: '说明文字',

  fileTooLarge: '此文件超过服务器允许的大小。',
  fileUnreadable: '无法读取此文件。',
  fileGone: '此文件已不存在。',
  fileOffline: '无法连接服务器获取此文件。',
  fileFailed: '此文件出了问题，请重试。',

  imageLabel: '图片 {name}',
  imageUploading: '正在发送图片…',
  fileUploadProgress: '正在发送：{done} / {total}',
  fileDownloadProgress: '正在下载：{done} / {total}',
  cancelUpload: '取消发送 {name}',
  cancelTooLate: '文件已上传完毕，消息正在发出，无法取消。',
  openFile: '打开',
  openFileLabel: '打开 {name}',
  saveFileAs: '另存为…',
  saveFileAsLabel: '将 {name} 另存为…',
  savedTo: '已保存到 {path}',

  viewerClose: '关闭',
  viewerPrevious: '上一张',
  viewerNext: '下一张',
  viewerPosition: '第 {n} 张，共 {count} 张',

  previewImage: '[图片]',
  previewFile: '[文件] {name}',

  photoHeading: '头像',
  photoChange: '更换头像…',
  photoRemove: '移除头像',
  photoChanged: '头像已更换。',
  photoRemoved: '头像已移除。',
  photoNotImage: '请选择 PNG、JPEG、GIF 或 WebP 图片。',
};
