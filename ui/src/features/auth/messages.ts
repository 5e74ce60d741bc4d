import type { Messages } from '../../lib/feature';

const en = {
  signIn: {
    title: 'Sign in',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    working: 'Signing in…',
    firstRun: 'First start of this server? Create the owner account',
  },
  totp: {
    title: 'Two-step verification',
    code: 'Code from your authenticator app (or a recovery code)',
    submit: 'Verify',
    back: 'Back',
  },
  setup: {
    title: 'Create the owner account',
    intro: 'The server printed a one-time setup token in its log at first start. Paste it here to create the first owner.',
    token: 'Setup token',
    name: 'Name',
    email: 'E-mail',
    password: 'Password',
    submit: 'Create owner and sign in',
    working: 'Creating…',
    haveAccount: 'Already set up? Sign in',
  },
} satisfies Messages;

const es: typeof en = {
  signIn: {
    title: 'Iniciar sesión',
    email: 'Correo electrónico',
    password: 'Contraseña',
    submit: 'Entrar',
    working: 'Entrando…',
    firstRun: '¿Primer arranque del servidor? Crea la cuenta de propietario',
  },
  totp: {
    title: 'Verificación en dos pasos',
    code: 'Código de tu aplicación de autenticación (o un código de recuperación)',
    submit: 'Verificar',
    back: 'Volver',
  },
  setup: {
    title: 'Crear la cuenta de propietario',
    intro: 'El servidor escribió un token de configuración de un solo uso en su registro al arrancar por primera vez. Pégalo aquí para crear el primer propietario.',
    token: 'Token de configuración',
    name: 'Nombre',
    email: 'Correo electrónico',
    password: 'Contraseña',
    submit: 'Crear propietario y entrar',
    working: 'Creando…',
    haveAccount: '¿Ya está configurado? Inicia sesión',
  },
};

export const authMessages = { en, es };
