import { ConfigError, defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `sms` channel fails with, beside the SDK's channel codes. */
export const smsErrors = defineErrorCatalogue('@dwc/plugin-notify-sms', {
  sms_too_long: { status: 400, message: 'The text needs more SMS segments than the channel allows; shorten it or raise the sms plugin\'s max_segments.', es: 'El texto necesita más segmentos SMS de los que permite el canal; acórtalo o sube max_segments del plugin sms.' },
  invalid_twilio_api_url: { status: 503, message: 'TWILIO_API_URL must be an http(s) URL; fix it or leave it unset for Twilio itself.', es: 'TWILIO_API_URL debe ser una URL http(s); corrígela o déjala sin definir para usar Twilio.', type: ConfigError },
  invalid_twilio_account_sid: { status: 503, message: 'TWILIO_ACCOUNT_SID must be the AC… id shown in the Twilio console; fix it and restart.', es: 'TWILIO_ACCOUNT_SID debe ser el id AC… que muestra la consola de Twilio; corrígelo y reinicia.', type: ConfigError },
});
