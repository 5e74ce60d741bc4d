import { defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `discord` channel fails with, beside the SDK's channel codes. */
export const discordErrors = defineErrorCatalogue('@dwc/plugin-notify-discord', {
  channel_recipient_gone: { status: 502, message: 'The Discord webhook no longer exists (404); create a new one and use its URL as the recipient.', es: 'El webhook de Discord ya no existe (404); crea uno nuevo y usa su URL como destinatario.' },
});
