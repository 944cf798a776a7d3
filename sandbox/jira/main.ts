/**
 * Runs the Jira stand-in: `npx tsx sandbox/jira/main.ts [--reset]`.
 * Env: PORT (default 8080), SANDBOX_DATA_DIR (default <repo>/.sandbox/data), SANDBOX_SECRET.
 */
import { startJiraServer } from './server';

async function main(): Promise<void> {
  const server = await startJiraServer({
    reset: process.argv.includes('--reset'),
    ...(process.env.SANDBOX_SECRET ? { secret: process.env.SANDBOX_SECRET } : {}),
  });
  console.log(`Jira stand-in listening on ${server.url}`);
  console.log(`data: ${server.store.dataDir}`);
  console.log(`x-sandbox-secret: ${server.secret}`);
  console.log('users: admin@example.com, qe@example.com, sales@example.com (HTTP basic, any token)');
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
