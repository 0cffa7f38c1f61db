import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DatabaseUnavailableError } from '../../src/db/errors.js';
import { answerUnavailable, isDatabaseUnavailable } from '../../src/db/unavailable.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

it('tells a lost or refused database connection from other errors', () => {
  for (const e of [
    pgError('57P01', 'terminating connection due to administrator command'),
    pgError('57P02'),
    pgError('57P03', 'the database system is starting up'),
    pgError('08006'),
    pgError('08P01'),
    pgError('53300', 'sorry, too many clients already'),
    pgError('ECONNRESET'),
    pgError('ECONNREFUSED'),
    new Error('Connection terminated unexpectedly'),
    new Error('Connection terminated'),
    new Error('timeout exceeded when trying to connect'),
    new Error('Client has encountered a connection error and is not queryable'),
    new DatabaseUnavailableError('Cannot reach the database'),
    new Error('wrapped', { cause: pgError('57P01') }),
  ])
    assert.equal(isDatabaseUnavailable(e), true, `${(e as { code?: string }).code ?? ''} ${e.message}`);
  for (const e of [
    pgError('23505', 'duplicate key value violates unique constraint'),
    pgError('42P01'),
    pgError('SQLITE_CONSTRAINT'),
    new Error('connection refused by the rules'),
    new TypeError('x is undefined'),
    null,
    undefined,
    'Connection terminated',
  ])
    assert.equal(isDatabaseUnavailable(e), false, String(e));
});

it('sets Retry-After only for an unavailable database', () => {
  const headers: Record<string, string> = {};
  const reply = { header: (name: string, value: string) => (headers[name] = value) };
  assert.equal(answerUnavailable(pgError('23505'), reply), false);
  assert.deepEqual(headers, {});
  assert.equal(answerUnavailable(pgError('57P01'), reply), true);
  assert.ok(Number(headers['retry-after']) > 0);
});
