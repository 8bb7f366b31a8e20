import * as fs from 'fs';
import * as path from 'path';

// After the whole run: no server log line holds a Quay token (issue 12). The consoles and
// sandboxes of `playwright.config.ts` append their output to `$E2E_TMP/*.log`.
export default async function teardown() {
  const tmp = process.env.E2E_TMP || path.join(__dirname, '..', 'target', 'e2e');
  // The Quay tokens, the OAuth client secret, and the replicas' session key.
  const secrets = ['e2e-embedded-admin-token', 'e2e-remote-admin-token', 'e2e-oauth-secret-0000000000000000000000000', Buffer.alloc(64, 7).toString('base64')];
  const logs = fs.readdirSync(tmp).filter((f) => f.endsWith('.log'));
  if (logs.length === 0) throw new Error(`no server logs in ${tmp}`);
  const found: string[] = [];
  let lines = 0;
  for (const f of logs) {
    const text = fs.readFileSync(path.join(tmp, f), 'utf8');
    lines += text.split('\n').length;
    for (const s of secrets) if (text.includes(s)) found.push(`${f} contains a secret`);
  }
  if (found.length) throw new Error(found.join('\n'));
  console.log(`teardown: ${lines} server log lines of ${logs.length} logs hold no Quay token`);
}
