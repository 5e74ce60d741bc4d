import { ConfigError, defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `push` channel fails with, beside the SDK's channel codes. */
export const pushErrors = defineErrorCatalogue('@dwc/plugin-notify-push', {
  push_no_subscription: { status: 422, message: 'The user has no push subscription; they must allow notifications in a browser first (POST /api/v3/notifications/push/subscriptions).' },
  push_subscription_gone: { status: 502, message: 'Every push subscription of the user is gone (404/410 from the push service) and was removed; they must subscribe again.' },
  push_payload_too_large: { status: 400, message: 'The push message is over the 4 KB Web Push allows; shorten its subject and text.' },
  vapid_keys_incomplete: { status: 503, message: 'Set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither (keys are then generated into the data folder).', type: ConfigError },
  vapid_keys_missing: { status: 503, message: 'No VAPID keys are set and the plugin has no data folder to keep generated ones; set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY.', type: ConfigError },
  vapid_keys_unreadable: { status: 503, message: 'The generated VAPID key file in the data folder cannot be read; fix its permissions or delete it to generate new keys.', type: ConfigError },
  vapid_keys_invalid: { status: 503, message: 'The VAPID keys are not a valid P-256 key pair (URL-safe base64); generate a pair with `npx web-push generate-vapid-keys`.', type: ConfigError },
});
