// The runtime layering is a lint rule; these cases prove the rule bites where it should.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The files linted here do not exist, so no tsconfig holds them: only the rules that need no types.
const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('runtime layering', () => {
  it.each([
    ['server/chat/x.ts', "import '../../main/core/outbox.js';"],
    ['server/chat/x.ts', "import '../../renderer/app.js';"],
    ['protocol/x.ts', "import 'node:crypto';"],
    ['protocol/x.ts', "import '../server/store/store.js';"],
    ['protocol/x.ts', "import '../main/ipc/contract.js';"],
    ['main/core/x.ts', "import { app } from 'electron';"],
    ['main/core/x.ts', "import '../../server/store/store.js';"],
    ['main/core/x.ts', "import '../../server/app.js';"],
    ['main/shell/x.ts', "import '../../renderer/app.js';"],
    ['main/chromium/x.ts', "import { app } from 'electron';"],
    ['main/launcher/x.ts', "import { app } from 'electron';"],
    ['main/ipc/x.ts', "import fs from 'node:fs';"],
    ['main/ipc/x.ts', "import '../core/failure.js';"],
    ['renderer/x.ts', "import fs from 'node:fs';"],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/x.ts', "import { io } from 'socket.io-client';"],
    ['renderer/x.ts', "import '../main/core/cache.js';"],
    ['renderer/x.ts', "import '../protocol/contract.js';"],
    ['server/store/postgres/x.ts', "import '../sqlite/group-commit.js';"],
    ['server/store/sqlite/x.ts', "import '../postgres/migrations.js';"],
  ])('%s may not %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toHaveLength(1);
  });

  it.each([
    ['server/chat/x.ts', "import '../../protocol/contract.js';"],
    ['protocol/x.ts', "import { z } from 'zod';"],
    ['server/store/x.ts', "import fs from 'node:fs';"],
    ['server/store/postgres/x.ts', "import '../sql/rows.js';"],
    ['main/core/x.ts', "import '../../protocol/contract.js';"],
    ['main/core/x.ts', "import fs from 'node:fs';"],
    ['main/electron/x.ts', "import { app } from 'electron';"],
    ['main/chromium/x.ts', "import { chromium } from 'playwright-core';"],
    ['main/ipc/x.ts', "import './contract.js';"],
    ['main/ipc/x.ts', "import '../../protocol/contract.js';"],
    ['renderer/x.ts', "import '../main/ipc/contract.js';"],
  ])('%s may %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
