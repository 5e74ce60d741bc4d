import type { Logger } from '@dwc/sdk';

interface PullPart {
  status: string;
  total?: number;
  completed?: number;
}

/** Logs a pull's progress: each new status, and each further 10 % of a layer download. */
export function logPullProgress(log: Logger, model: string): (part: PullPart) => void {
  let lastStatus = '';
  let lastTenth = -1;
  return (part) => {
    const percent = part.total ? Math.floor(((part.completed ?? 0) / part.total) * 100) : undefined;
    const tenth = percent === undefined ? -1 : Math.floor(percent / 10);
    if (part.status === lastStatus && tenth <= lastTenth) return;
    if (part.status !== lastStatus) lastTenth = -1;
    lastStatus = part.status;
    lastTenth = tenth;
    log.info({ model, status: part.status, ...(percent === undefined ? {} : { percent, completed: part.completed, total: part.total }) }, 'model pull progress');
  };
}
