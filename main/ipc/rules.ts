// The wire contract's rules the renderer needs too, passed on from protocol/ so that the
// renderer's one door to the rest of the app stays main/ipc.
export { byRecency } from '../../protocol/order.js';
export { limits } from '../../protocol/limits.js';
export { codePoints, isInvisible } from '../../protocol/text.js';
export { isInlineImage } from '../../protocol/attachments.js';
