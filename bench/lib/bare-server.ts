// The same two-step transform as the benchmark workflow, served by a bare node:http server or a
// bare Express 5 route: the baselines the webhook benchmark compares dwc against.
// Usage: tsx bench/lib/bare-server.ts node|express <port>
import { createServer } from 'node:http';
import express from 'express';
import jsonata from 'jsonata';

const count = jsonata('{ "words": $count($split(text, " ")) }');
const summary = jsonata('$uppercase(title) & " (" & $string(words) & " words)"');

async function transform(body: { text: string; title: string }) {
  const counted = (await count.evaluate(body)) as { words: number };
  return { result: await summary.evaluate({ title: body.title, words: counted.words }) };
}

const [kind, port] = [process.argv[2], Number(process.argv[3])];
if (kind === 'node') {
  createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      transform(JSON.parse(raw) as { text: string; title: string }).then((out) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
      }, () => res.writeHead(500).end());
    });
  }).listen(port, '127.0.0.1', () => process.send?.('ready'));
} else {
  const app = express();
  app.post('/hook', express.json(), async (req, res) => {
    res.json(await transform(req.body as { text: string; title: string }));
  });
  app.listen(port, '127.0.0.1', () => process.send?.('ready'));
}
