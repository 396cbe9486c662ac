/**
 * The test database is chosen by TEST_DB: `pglite` (default, in-memory per test file) or `postgres`
 * (a fresh database per test file on the server at TEST_DATABASE_URL). Redis is the real server at REDIS_URL.
 * `npm test` at the repository root runs the suite once for each database.
 */
export default function setup(): void {
  process.env.TEST_DB ??= 'pglite';
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
  console.log(
    `backend tests on ${process.env.TEST_DB}${process.env.TEST_DB === 'postgres' ? ` (${process.env.TEST_DATABASE_URL})` : ''}, Redis ${process.env.REDIS_URL}`,
  );
}
