import type { Messages } from '../../lib/feature';

const en = {
  nav: 'Workflows',
  list: {
    title: 'Workflows',
    search: 'Search workflows by name',
    create: 'New workflow',
    name: 'Name',
    trigger: 'Trigger',
    lastRun: 'Last run',
    version: 'Version',
    actions: 'Actions',
    run: 'Run',
    edit: 'Open editor',
    empty: 'No workflows yet. Create the first one.',
    started: 'Run started',
    openRun: 'Open run',
  },
  trigger: {
    manual: 'Manual',
    webhook: 'Webhook',
    schedule: 'Schedule',
    event: 'Event',
    data_change: 'Data change',
    threshold: 'Threshold',
    api_call: 'API call',
    file_watch: 'File watch',
  },
} satisfies Messages;

const es: typeof en = {
  nav: 'Flujos',
  list: {
    title: 'Flujos de trabajo',
    search: 'Buscar flujos por nombre',
    create: 'Nuevo flujo',
    name: 'Nombre',
    trigger: 'Disparador',
    lastRun: 'Última ejecución',
    version: 'Versión',
    actions: 'Acciones',
    run: 'Ejecutar',
    edit: 'Abrir editor',
    empty: 'Todavía no hay flujos. Crea el primero.',
    started: 'Ejecución iniciada',
    openRun: 'Abrir ejecución',
  },
  trigger: {
    manual: 'Manual',
    webhook: 'Webhook',
    schedule: 'Programado',
    event: 'Evento',
    data_change: 'Cambio de datos',
    threshold: 'Umbral',
    api_call: 'Llamada a la API',
    file_watch: 'Vigilancia de archivos',
  },
};

export const workflowMessages = { en, es };
