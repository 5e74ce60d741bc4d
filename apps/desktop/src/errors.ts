import { defineErrorCatalogue } from '@dwc/sdk';

/** The codes the desktop app raises itself: the embedded server's gate and the main process. */
export const desktopErrors = defineErrorCatalogue('@dwc/desktop', {
  desktop_secret_required: { status: 401, message: 'This server belongs to the desktop app and answers only its own window; open Document Workflow Chain instead.' },
  launch_ticket_invalid: { status: 401, message: 'This launch link was already used or is not this launch\'s; restart the desktop app.' },
  master_key_unavailable: { status: 503, message: 'Neither the OS keychain nor Electron safeStorage can hold the secrets master key; unlock or install a keyring (e.g. gnome-keyring) and start again.' },
  master_key_unreadable: { status: 503, message: 'The stored master key could not be decrypted (a different OS user or keyring); restore the keyring, or move the data folder aside to start afresh.' },
  ipc_sender_refused: { status: 403, message: 'Only the app\'s own window may call the desktop API.' },
});
