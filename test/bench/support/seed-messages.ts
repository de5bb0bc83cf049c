// S10's data: `messages` stored messages of mixed sizes and languages (English, some Chinese,
// a little Russian and emoji) between `users` users, each talking with `peersPerUser` others,
// written straight into the store's schema in one transaction, then the search index (the last
// migration) built over them, timed. Deterministic: the same parameters give the same data.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { hashToken } from '../../../server/accounts/tokens.js';
import { migrate, schemaVersion } from '../../../server/store/sqlite/migrations.js';
import { databaseFileName } from '../../../server/store/sqlite/sqlite-store.js';

export interface MessageSeed {
  messages: number;
  users: number;
  peersPerUser: number;
  /** Users 1… get one session each, with these tokens. */
  tokens: string[];
}

const words = (
  'the and for you that this with have from they will would there their what about which when make can like time ' +
  'just know take people into year your good some could them see other than then now look only come its over think ' +
  'also back after use two how our work first well way even new want because any these give day most meeting ' +
  'project tomorrow dinner weekend office report budget deadline coffee airport ticket hotel doctor garden kitchen ' +
  'window picture camera laptop phone battery charger server database message search index release version ' +
  'invoice contract customer holiday birthday present family friends school lesson teacher student homework ' +
  'football concert festival museum library station bicycle mountain river ocean island village city street'
).split(' ');
const chinese =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持音众';
const russian = 'привет как дела спасибо хорошо сегодня завтра встреча работа проект'.split(' ');
const emoji = ['😀', '👍', '🎉', '❤️', '🙏', '😂'];

/** A small fast PRNG (mulberry32), so the data and the queries are the same every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: ArrayLike<T>): T => list[Math.floor(rnd() * list.length)]!;

function chineseText(rnd: () => number, length: number): string {
  const start = Math.floor(rnd() * (chinese.length - 1));
  let text = '';
  // Runs of the character list, so a 3-character query from it finds several messages.
  for (let i = 0; i < length; i++) text += i % 7 === 6 ? '，' : chinese[(start + i) % chinese.length];
  return text;
}

/** One message: 70 % short, 25 % medium, 5 % long; 20 % Chinese, 3 % Russian, some emoji. */
export function messageText(rnd: () => number): string {
  const size = rnd();
  const n =
    size < 0.7 ? 3 + Math.floor(rnd() * 10) : size < 0.95 ? 20 + Math.floor(rnd() * 40) : 200 + Math.floor(rnd() * 400);
  const language = rnd();
  if (language < 0.2) return chineseText(rnd, n * 2);
  const list = language < 0.23 ? russian : words;
  const parts = Array.from({ length: n }, () => pick(rnd, list));
  if (rnd() < 0.1) parts.push(pick(rnd, emoji));
  const text = parts.join(' ');
  return text[0]!.toUpperCase() + text.slice(1);
}

/** A query like a person's: a word, two words, a word's middle, or 3 Chinese characters. */
export function searchQuery(rnd: () => number): string {
  const kind = rnd();
  if (kind < 0.15) return chineseText(rnd, 3);
  if (kind < 0.55)
    return pick(
      rnd,
      words.filter((w) => w.length >= 4),
    );
  if (kind < 0.8) return `${pick(rnd, words)} ${pick(rnd, words)}`;
  const word = pick(
    rnd,
    words.filter((w) => w.length >= 6),
  );
  return word.slice(1, 5);
}

/** Seeds a fresh data folder; resolves with how long building the search index took. */
export function seedMessages(dataDir: string, seed: MessageSeed): { seedMs: number; indexMs: number } {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, databaseFileName));
  try {
    db.pragma('journal_mode = WAL');
    // Copies are written before their records (whose last seq is known only at the end).
    db.pragma('foreign_keys = OFF');
    migrate(db, schemaVersion - 1); // everything but the search index
    const started = performance.now();
    const rnd = random(1);
    db.transaction(() => {
      const user = db.prepare(
        'INSERT INTO users (id, name, name_key, password_hash, created_at) VALUES (?, ?, ?, ?, 1)',
      );
      for (let id = 1; id <= seed.users; id++) {
        const name = `u${String(id).padStart(6, '0')}`;
        user.run(id, name, name, 'no password');
      }
      const now = Date.now();
      const session = db.prepare(
        'INSERT INTO sessions (token_hash, user_id, created_at, id, last_used_at) VALUES (?, ?, 1, ?, ?)',
      );
      seed.tokens.forEach((token, i) => session.run(hashToken(token), i + 1, `seeded-${i}`, now));
      // Record ids: pair p (user a with b) is records 2p+1 (a's) and 2p+2 (b's).
      const pairs: Array<[number, number]> = [];
      for (let a = 1; a <= seed.users; a++)
        for (let k = 1; k <= seed.peersPerUser; k++) pairs.push([a, ((a - 1 + k) % seed.users) + 1]);
      const lastSeq = new Array<number>(pairs.length * 2).fill(0);
      const message = db.prepare(
        'INSERT INTO messages (id, sender, client_id, recipient, date, content, sender_seq) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      const copy = db.prepare('INSERT INTO copies (chat_id, seq, message_id) VALUES (?, ?, ?)');
      const start = now - seed.messages * 1000;
      for (let id = 1; id <= seed.messages; id++) {
        const p = Math.floor(rnd() * pairs.length);
        const [a, b] = pairs[p]!;
        const aSends = rnd() < 0.5;
        const [from, to] = aSends ? [a, b] : [b, a];
        const fromChat = 2 * p + (aSends ? 1 : 2);
        const toChat = 2 * p + (aSends ? 2 : 1);
        const fromSeq = ++lastSeq[fromChat - 1]!;
        const toSeq = ++lastSeq[toChat - 1]!;
        message.run(id, from, `s${id}`, to, start + id * 1000, messageText(rnd), fromSeq);
        copy.run(fromChat, fromSeq, id);
        copy.run(toChat, toSeq, id);
      }
      const chat = db.prepare('INSERT INTO chats (id, owner, peer, updated_at, last_seq) VALUES (?, ?, ?, ?, ?)');
      pairs.forEach(([a, b], p) => {
        chat.run(2 * p + 1, a, b, now, lastSeq[2 * p]);
        chat.run(2 * p + 2, b, a, now, lastSeq[2 * p + 1]);
      });
    })();
    const seeded = performance.now();
    migrate(db); // the search index, built over all of it
    return { seedMs: seeded - started, indexMs: performance.now() - seeded };
  } finally {
    db.close();
  }
}
