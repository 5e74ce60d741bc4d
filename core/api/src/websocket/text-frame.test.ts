import { describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import { textFrame } from './text-frame.js';

interface FrameReceiver {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  write(chunk: Buffer): void;
}
/** The `ws` library's frame parser (exported at runtime, absent from its types). */
const { Receiver } = wsModule as unknown as { Receiver: new (options: { isServer: boolean }) => FrameReceiver };

/** What the `ws` library's own frame parser reads from `bytes`. */
function parse(bytes: Buffer): Promise<{ text: string; isBinary: boolean }> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false });
    receiver.on('message', (data: Buffer, isBinary: boolean) => resolve({ text: data.toString(), isBinary }));
    receiver.on('error', reject);
    receiver.write(bytes);
  });
}

describe('textFrame', () => {
  it.each([0, 125, 126, 65_535, 65_536, 200_000])('frames a %i-byte payload so a WebSocket parser reads it back as text', async (size) => {
    const payload = Buffer.from('a'.repeat(size));
    const frame = textFrame(payload);
    expect(frame.length).toBe(size + (size < 126 ? 2 : size < 65_536 ? 4 : 10));
    expect(await parse(frame)).toEqual({ text: payload.toString(), isBinary: false });
  });
});
