import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface WebhookHit {
  path: string;
  webhookId: string;
  body: unknown;
}

/**
 * A webhook receiver on 127.0.0.1 that checks each Standard Webhooks signature with the reference
 * library, keeps every verified delivery, and answers 204 after `delayMs` (401 on a bad signature).
 */
export async function startWebhookReceiver(secret: string, options: { delayMs?: number } = {}) {
  const hits: WebhookHit[] = [];
  let badSignatures = 0;
  const verifier = new Webhook(secret);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let payload: unknown;
      try {
        payload = verifier.verify(body, req.headers as Record<string, string>);
      } catch {
        badSignatures++;
        res.writeHead(401).end('bad signature');
        return;
      }
      const answer = () => {
        hits.push({ path: req.url ?? '/', webhookId: String(req.headers['webhook-id']), body: payload });
        res.writeHead(204).end();
      };
      if (options.delayMs) setTimeout(answer, options.delayMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    badSignatures: () => badSignatures,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
