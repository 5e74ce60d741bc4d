import type { Messages } from '../lib/feature';

const en = {
  app: { name: 'Document Workflow Chain', skip: 'Skip to content', nav: 'Main navigation' },
  language: { label: 'Language', en: 'English', es: 'Español' },
  theme: { label: 'Theme', system: 'System', light: 'Light', dark: 'Dark' },
  user: { menu: 'Account menu', signOut: 'Sign out' },
  status: {
    queued: 'Queued',
    running: 'Running',
    waiting: 'Waiting',
    succeeded: 'Succeeded',
    failed: 'Failed',
    cancelled: 'Cancelled',
    skipped: 'Skipped',
    pending: 'Pending',
    none: 'Never run',
  },
  actions: { save: 'Save', cancel: 'Cancel', close: 'Close', retry: 'Try again', create: 'Create', delete: 'Delete', search: 'Search' },
  form: { required: 'required', variant: 'Kind', option: 'Option {{n}}', noFields: 'Nothing to fill in here.', chooseFolder: 'Choose folder…', chooseFolderFailed: 'The folder dialog could not open; type the folder\'s path instead.', workflowSearch: 'Search workflows by name…', workflowLoading: 'Loading workflows…', workflowNone: 'No workflow matches.', workflowUnknown: 'No workflow has this id; choose one from the list.' },
  loading: 'Loading…',
  empty: 'Nothing here yet.',
  roles: { owner: 'owner', admin: 'admin', editor: 'editor', viewer: 'viewer' },
  forbidden: {
    title: 'Not allowed',
    body: 'Your role ({{role}}) may not use this screen. Ask an owner or admin for a role that can.',
    back: 'Back to workflows',
    readOnly: 'Read only: your role ({{role}}) may look at this workflow but not change or run it.',
  },
  error: { title: 'Something went wrong', notFound: 'This page does not exist.' },
} satisfies Messages;

const es: typeof en = {
  app: { name: 'Document Workflow Chain', skip: 'Ir al contenido', nav: 'Navegación principal' },
  language: { label: 'Idioma', en: 'English', es: 'Español' },
  theme: { label: 'Tema', system: 'Sistema', light: 'Claro', dark: 'Oscuro' },
  user: { menu: 'Menú de la cuenta', signOut: 'Cerrar sesión' },
  status: {
    queued: 'En cola',
    running: 'En curso',
    waiting: 'En espera',
    succeeded: 'Correcto',
    failed: 'Fallido',
    cancelled: 'Cancelado',
    skipped: 'Omitido',
    pending: 'Pendiente',
    none: 'Sin ejecuciones',
  },
  actions: { save: 'Guardar', cancel: 'Cancelar', close: 'Cerrar', retry: 'Reintentar', create: 'Crear', delete: 'Eliminar', search: 'Buscar' },
  form: { required: 'obligatorio', variant: 'Tipo', option: 'Opción {{n}}', noFields: 'Aquí no hay nada que rellenar.', chooseFolder: 'Elegir carpeta…', chooseFolderFailed: 'No se pudo abrir el selector de carpetas; escribe la ruta de la carpeta.', workflowSearch: 'Buscar flujos por nombre…', workflowLoading: 'Cargando flujos…', workflowNone: 'Ningún flujo coincide.', workflowUnknown: 'Ningún flujo tiene este id; elige uno de la lista.' },
  loading: 'Cargando…',
  empty: 'Todavía no hay nada.',
  roles: { owner: 'propietario', admin: 'administrador', editor: 'editor', viewer: 'lector' },
  forbidden: {
    title: 'Sin permiso',
    body: 'Tu rol ({{role}}) no puede usar esta pantalla. Pide a un propietario o administrador un rol que pueda.',
    back: 'Volver a los flujos',
    readOnly: 'Solo lectura: tu rol ({{role}}) puede ver este flujo, pero no cambiarlo ni ejecutarlo.',
  },
  error: { title: 'Algo salió mal', notFound: 'Esta página no existe.' },
};

export const commonMessages = { en, es };
