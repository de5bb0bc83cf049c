// The type-aware lint rules the project relies on are on: a fixture full of the mistakes
// they exist for must trip each of them.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/promise-mistakes.ts', import.meta.url));

// Type-aware linting builds the project's whole TypeScript program first: seconds on an idle
// machine, well past the suite's 20 s when CI shares two cores with other work. The timeout
// only catches a hang.
const programBuildMs = 180_000;

it(
  'catches floating promises, async callbacks where void is expected, and non-exhaustive switches',
  { timeout: programBuildMs },
  async () => {
    // The fixture is in the lint's ignore list so that `npm run lint` passes; here it is read anyway.
    const eslint = new ESLint({ cwd: root, ignore: false });
    const [result] = await eslint.lintFiles([fixture]);
    const rules = result!.messages.map((message) => message.ruleId);
    expect(rules).toEqual(
      expect.arrayContaining([
        '@typescript-eslint/no-floating-promises',
        '@typescript-eslint/no-misused-promises',
        '@typescript-eslint/switch-exhaustiveness-check',
      ]),
    );
  },
);
