import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from '../error-response.js';

/** Why a gate turned a request away: the status and the code of the error reply. */
export interface GateRefusal {
  status: number;
  code: string;
  message: string;
}

/**
 * A check every request and WebSocket upgrade passes before the API sees it. It returns a refusal,
 * `'answered'` when it wrote the reply itself (only possible when `res` is given: plain requests),
 * or undefined to let the request through to the next gate and then the API.
 */
export type HttpGate = (req: IncomingMessage, res: ServerResponse | undefined) => GateRefusal | 'answered' | undefined;

/** Runs the gates in order; the first that refuses or answers ends the walk. */
export function passGates(gates: readonly HttpGate[], req: IncomingMessage, res: ServerResponse | undefined): GateRefusal | 'answered' | undefined {
  for (const gate of gates) {
    const verdict = gate(req, res);
    if (verdict !== undefined) return verdict;
  }
  return undefined;
}

/** Answers a refused plain request with the usual JSON error body. */
export function sendRefusal(res: ServerResponse, refusal: GateRefusal): void {
  const body = JSON.stringify(errorBody(refusal.code, refusal.message));
  res.writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}
