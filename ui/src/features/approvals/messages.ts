import type { Messages } from '../../lib/feature';

const en = {
  nav: 'Approvals',
  title: 'Approvals',
  empty: 'Nothing is waiting for your decision.',
  waitingSince: 'Waiting since {{time}}',
  timesOut: 'Times out {{time}}',
  approvers: 'Approvers: {{list}}',
  openRun: 'Open run',
  comment: 'Comment',
  approve: 'Approve',
  reject: 'Reject',
};

const es: typeof en = {
  nav: 'Aprobaciones',
  title: 'Aprobaciones',
  empty: 'Nada espera tu decisión.',
  waitingSince: 'En espera desde {{time}}',
  timesOut: 'Vence {{time}}',
  approvers: 'Aprobadores: {{list}}',
  openRun: 'Abrir ejecución',
  comment: 'Comentario',
  approve: 'Aprobar',
  reject: 'Rechazar',
};

export const approvalMessages: { en: Messages; es: Messages } = { en, es };
