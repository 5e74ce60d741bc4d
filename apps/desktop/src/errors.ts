import { defineErrorCatalogue } from '@dwc/sdk';

/** The codes the desktop app raises itself: the embedded server's gate and the main process. */
export const desktopErrors = defineErrorCatalogue('@dwc/desktop', {
  desktop_secret_required: { status: 401, message: 'This server belongs to the desktop app and answers only its own window; open Document Workflow Chain instead.', es: 'Este servidor pertenece a la aplicación de escritorio y solo responde a su propia ventana; abre Document Workflow Chain.' },
  launch_ticket_invalid: { status: 401, message: 'This launch link was already used or is not this launch\'s; restart the desktop app.', es: 'Este enlace de inicio ya se usó o no es de este arranque; reinicia la aplicación de escritorio.' },
  master_key_unavailable: { status: 503, message: 'Neither the OS keychain nor Electron safeStorage can hold the secrets master key; unlock or install a keyring (e.g. gnome-keyring) and start again.', es: 'Ni el llavero del sistema ni safeStorage de Electron pueden guardar la clave maestra de los secretos; desbloquea o instala un llavero (p. ej. gnome-keyring) y arranca de nuevo.' },
  master_key_unreadable: { status: 503, message: 'The stored master key could not be decrypted (a different OS user or keyring); restore the keyring, or move the data folder aside to start afresh.', es: 'No se pudo descifrar la clave maestra guardada (otro usuario del sistema u otro llavero); restaura el llavero, o aparta la carpeta de datos para empezar de cero.' },
  ipc_sender_refused: { status: 403, message: 'Only the app\'s own window may call the desktop API.', es: 'Solo la propia ventana de la aplicación puede llamar a la API de escritorio.' },
});
