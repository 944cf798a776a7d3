/**
 * `npm start`: the whole app on this machine. Prints the URL to open and the demo accounts.
 *   --reset   start again from the demo data (also: npm run sandbox:reset)
 */
import { startSandbox } from './app';
import { DEMO_USERS } from './jira';

async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  const started = Date.now();
  const sandbox = await startSandbox({ reset, log: (m) => console.log(m) });
  const users = Object.values(DEMO_USERS)
    .map((u) => `  ${u.emailAddress.padEnd(20)} ${u.displayName}${u.admin ? ' (Jira admin)' : ''}; browses ${u.browse === '*' ? 'all projects' : u.browse.join(', ')}`)
    .join('\n');
  console.log(`
客诉 sandbox ready in ${((Date.now() - started) / 1000).toFixed(1)} s

  Open: ${sandbox.url}/

Demo users (switch in the top bar; REST: curl -u <e-mail>:any-token):
${users}

Try: curl -u admin@example.com:x '${sandbox.url}/rest/api/3/search/jql?jql=complaintSlaState%3Dbreached&fields=summary,status'
Stop with Ctrl+C; data stays in .sandbox/ (npm run sandbox:reset starts over).`);
  const stop = (): void => {
    void sandbox.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
