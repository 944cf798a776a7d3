/**
 * `npm run --silent cli -- <command> < input.json` — see shared/spec/cli.md.
 */
import { runCli } from './commands';

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

async function main(): Promise<void> {
  const command = process.argv[2];
  const raw = process.stdin.isTTY ? '' : await readStdin();
  const result = runCli(command, raw);
  process.stdout.write(`${JSON.stringify(result.output)}\n`);
  process.exitCode = result.exitCode;
}

main().catch((e: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: { code: 'internal', message: String(e) } })}\n`);
  process.exitCode = 2;
});
