import { ConfigError, defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `slack` channel fails with, beside the SDK's channel codes. */
export const slackErrors = defineErrorCatalogue('@dwc/plugin-notify-slack', {
  slack_api_error: { status: 502, message: 'Slack refused the message (its error code is in the message); check the channel name and the bot token\'s scopes (chat:write).', es: 'Slack rechazó el mensaje (su código de error está en el mensaje); revisa el nombre del canal y los permisos del token del bot (chat:write).' },
  invalid_slack_api_url: { status: 503, message: 'SLACK_API_URL (config api_url) must be an http(s) URL ending in /api/; fix it or leave it unset for Slack itself.', es: 'SLACK_API_URL (config api_url) debe ser una URL http(s) que termine en /api/; corrígela o déjala sin definir para usar Slack.', type: ConfigError },
});
