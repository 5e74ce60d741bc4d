import { channelErrorFromResponse, type ChannelDeliveryError } from '@dwc/sdk';

/** The error for a Twilio error answer (`{code, message, more_info, status}`), naming Twilio's code. */
export function twilioError(answer: { status: number; headers: Headers; text: string }): ChannelDeliveryError {
  let body: { code?: number; message?: string; more_info?: string } = {};
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const detail = body.message === undefined ? answer.text : `${body.message}${body.code === undefined ? '' : ` (Twilio error ${body.code}${body.more_info ? `, ${body.more_info}` : ''})`}`;
  return channelErrorFromResponse('Twilio', answer, { detail, credentialSetting: 'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN' });
}
