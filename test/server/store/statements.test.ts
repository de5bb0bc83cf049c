// The SQL both stores share: one text per statement, numbered for PostgreSQL.
import { describe, expect, it } from 'vitest';
import { actionSql } from '../../../server/store/sql/action-statements.js';
import { fileSql } from '../../../server/store/sql/file-statements.js';
import { numbered, sharedSql } from '../../../server/store/sql/statements.js';

describe('shared statements', () => {
  it('numbers ? placeholders in order for PostgreSQL', () => {
    expect(numbered('SELECT a FROM t WHERE b = ? AND c < ? LIMIT ?')).toBe(
      'SELECT a FROM t WHERE b = $1 AND c < $2 LIMIT $3',
    );
    expect(numbered('SELECT id, name FROM users ORDER BY id')).toBe('SELECT id, name FROM users ORDER BY id');
  });

  it('gives every shared statement the same placeholders in both forms', () => {
    for (const [name, text] of Object.entries({ ...sharedSql, ...fileSql, ...actionSql })) {
      const count = text.split('?').length - 1;
      const pg = numbered(text);
      expect(pg, name).not.toContain('?');
      expect(pg.match(/\$\d+/g) ?? [], name).toEqual(Array.from({ length: count }, (_, i) => `$${i + 1}`));
    }
  });
});
