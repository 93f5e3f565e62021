import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './unavailable';

const pgError = (code: string, severity = 'ERROR', message = 'x') => Object.assign(new Error(message), { code, severity });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['refused socket', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['reset socket', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['database not accepting connections (FATAL 55000)', pgError('55000', 'FATAL', 'database "x" is not currently accepting connections')],
    ['administrator shutdown', pgError('57P01', 'FATAL')],
    ['cannot connect now', pgError('57P03', 'FATAL')],
    ['too many connections', pgError('53300', 'FATAL')],
    ['connection exception class 08', pgError('08006')],
    ['connection ended', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['wrapped by TypeORM', new QueryFailedError('SELECT 1', [], pgError('57P01', 'FATAL'))],
    ['inside an AggregateError', new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'connect failed')],
  ])('%s → unavailable', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], pgError('23505'))],
    ['a syntax error', pgError('42601')],
    ['an ERROR 55000 at query time (object not in prerequisite state)', pgError('55000')],
    ['a plain error', new Error('boom')],
    ['not an error', 'ECONNREFUSED'],
    ['null', null],
  ])('%s → not unavailable', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
