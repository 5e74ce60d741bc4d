import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TeamsHit {
  path: string;
  text: string;
}

/** Checks a body the way Teams does: a message with one Adaptive Card 1.4 attachment of text blocks. */
export function isTeamsCard(body: unknown): boolean {
  const b = body as { type?: string; attachments?: { contentType?: string; content?: { type?: string; version?: string; body?: { type: string; text: string }[] } }[] };
  const card = b.attachments?.[0];
  return b.type === 'message' && b.attachments?.length === 1 && card?.contentType === 'application/vnd.microsoft.card.adaptive'
    && card.content?.type === 'AdaptiveCard' && card.content.version === '1.4' && Array.isArray(card.content.body) && card.content.body.every((block) => block.type === 'TextBlock');
}

/**
 * A Teams workflow webhook on 127.0.0.1: checks each card, keeps it, and answers 202 after
 * `delayMs`, as Power Automate does. Teams has no idempotency key, so it cannot tell a repeat.
 */
export async function startTeamsReceiver(options: { delayMs?: number } = {}) {
  const hits: TeamsHit[] = [];
  let badCards = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      if (req.headers['content-type'] !== 'application/json' || !isTeamsCard(body)) {
        badCards++;
        res.writeHead(400).end('Invalid card');
        return;
      }
      const text = (body as { attachments: { content: { body: { text: string }[] } }[] }).attachments[0]!.content.body.map((block) => block.text).join('\n');
      const answer = () => {
        hits.push({ path: req.url ?? '/', text });
        res.writeHead(202, { 'x-ms-workflow-run-id': `run-${hits.length}` }).end();
      };
      if (options.delayMs) setTimeout(answer, options.delayMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    badCards: () => badCards,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
