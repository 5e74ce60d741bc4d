import { ChannelDeliveryError, channelErrorFromResponse, channelErrorFromTransport } from '@dwc/sdk';

/** A push service's error answer as web-push reports it (`WebPushError`). */
interface PushServiceAnswer {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const isAnswer = (error: unknown): error is PushServiceAnswer => typeof (error as PushServiceAnswer | undefined)?.statusCode === 'number';

/** 404 and 410 mean the browser dropped the subscription: forget it, never retry. */
export const isGone = (error: unknown): boolean => isAnswer(error) && (error.statusCode === 404 || error.statusCode === 410);

/** The error for one failed push: 429 keeps Retry-After, 401/403 name the VAPID keys, 413 says the message is too big. */
export function pushError(error: unknown, origin: string): ChannelDeliveryError {
  if (!isAnswer(error)) return channelErrorFromTransport('The push service', origin, error);
  const headers = { get: (name: string) => { const value = error.headers[name.toLowerCase()]; return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value; } };
  if (error.statusCode === 413) {
    return new ChannelDeliveryError(`The push service at ${origin} refused the message as too large (HTTP 413); push payloads hold about 3 KB: shorten it.`, { httpStatus: 413, code: 'push_payload_too_large' });
  }
  return channelErrorFromResponse(`The push service at ${origin}`, { status: error.statusCode, headers }, {
    detail: error.body, credentialSetting: 'VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY (the browser subscribed with another public key: it must subscribe again)',
  });
}
