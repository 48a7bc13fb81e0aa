/**
 * Statements start without the driver's per-result stack trace (driver.ts `withoutDriverStack`);
 * an error must still say where it came from, and the process's own stack traces stay whole.
 */
import { closeTestDb, testDb } from '../../tests/helpers/db';
import { cypher } from './driver';

const FAILING = cypher('test.failing', 'RETURN 1 / toInteger($zero) AS x');
const ONE_ROW = cypher('test.oneRow', 'RETURN 1 AS ok');

afterAll(closeTestDb);

const readThatFails = () => testDb().read(FAILING, { zero: 0 });

it('a failed read carries the stack of the code that awaited it', async () => {
  const err = (await readThatFails().catch((e: unknown) => e)) as Error & { code?: string };
  expect(err).toBeInstanceOf(Error);
  expect(err.code).toBe('Neo.ClientError.Statement.ArithmeticError');
  expect(err.stack).toContain('/ by zero');
  // Without it the stack would be the message alone (the driver's was taken with a limit of 0).
  expect(err.stack).toMatch(/at Db\.read /);
  expect(err.stack).toMatch(/driver\.test\.ts/);
});

it('a failed statement in a transaction carries its caller too', async () => {
  const failInTx = () => testDb().readTx((tx) => tx.run(FAILING, { zero: 0 }));
  const err = (await failInTx().catch((e: unknown) => e)) as Error;
  expect(err.message).toContain('/ by zero');
  expect(err.stack).toMatch(/driver\.test\.ts/);
});

it('an error our own code throws inside a transaction keeps the stack of where it was thrown', async () => {
  function checkTheRow(): never {
    throw new Error('not the row we wanted');
  }
  const err = (await testDb()
    .readTx(async (tx) => {
      await tx.run(ONE_ROW);
      checkTheRow();
    })
    .catch((e: unknown) => e)) as Error;
  expect(err.message).toBe('not the row we wanted');
  expect(err.stack).toMatch(/at checkTheRow /);
});

it('leaves the stack trace limit as it found it, after success and failure', async () => {
  const before = Error.stackTraceLimit;
  await testDb().read(ONE_ROW);
  await readThatFails().catch(() => undefined);
  expect(Error.stackTraceLimit).toBe(before);
  expect(new Error('x').stack?.split('\n').length).toBeGreaterThan(2);
});
