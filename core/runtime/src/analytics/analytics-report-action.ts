import { defineAction, z, type ActionDefinition } from '@dwc/sdk';
import type { DocumentStore } from '../documents/document-store.js';
import type { NotificationService } from '../notify/notification-service.js';
import { newId } from '../storage/new-id.js';
import type { AnalyticsSummary, TimeRange } from './analytics-summary.js';
import { TIME_RANGES } from './analytics-summary.js';
import { renderAnalyticsReport } from './analytics-report.js';
import type { Insight } from './insight-rules.js';
import { analyticsReportEs } from '../i18n/engine-es.js';

export const ANALYTICS_REPORT_ACTION = 'analytics.report';

export const analyticsReportInputSchema = z.object({
  time_range: z.enum(Object.keys(TIME_RANGES) as [TimeRange, ...TimeRange[]]).default('day').describe('The period the report covers (and compares with the one before)'),
  channel: z.string().min(1).max(100).describe('The notification channel it is sent through: email, webhook, slack, in_app ...'),
  recipients: z.array(z.string().min(1).max(2_048)).min(1).max(100).describe('E-mails, URLs or user ids, as the channel expects'),
});

export const analyticsReportOutputSchema = z.object({
  document_id: z.string(),
  title: z.string(),
  notification_ids: z.array(z.string()),
});

/**
 * `analytics.report` (the `analytics_report` background task): renders the summary and insights of
 * a period as a Markdown document, stores it, and sends it to the recipients on one channel. A
 * retried run sends nothing twice (the notifications are keyed by the run).
 */
export function createAnalyticsReportAction(deps: {
  summary: (range: TimeRange) => Promise<AnalyticsSummary>;
  insights: (range: TimeRange) => Promise<{ insights: Insight[] }>;
  documents: Pick<DocumentStore, 'create' | 'get'>;
  notifications: Pick<NotificationService, 'sendBulk'>;
}): ActionDefinition {
  return defineAction({
    type: ANALYTICS_REPORT_ACTION,
    title: 'Send an analytics report',
    description: 'Stores the analytics summary and insights of the last hour, day, week or month as a Markdown document and sends it through a notification channel.',
    i18n: analyticsReportEs,
    input: analyticsReportInputSchema,
    output: analyticsReportOutputSchema,
    async run(input, ctx) {
      const [summary, { insights }] = await Promise.all([deps.summary(input.time_range), deps.insights(input.time_range)]);
      const report = renderAnalyticsReport(summary, insights);
      // Queued first (all recipients or none, checked by the channel), so a bad channel or recipient stores no orphan document.
      const documentId = newId();
      const sent = await deps.notifications.sendBulk(
        {
          channel: input.channel, recipients: input.recipients, subject: report.title, message: report.markdown,
          data: { document_id: documentId }, priority: 'normal', idempotency_key: `analytics-report:${ctx.executionId}`,
        },
        { actor: 'service' },
      );
      // A retried run finds its notifications queued already: they name the document to store (once).
      const queuedFor = (sent.notifications[0]?.notification.data as { document_id?: unknown } | null | undefined)?.document_id;
      const reportId = typeof queuedFor === 'string' ? queuedFor : documentId;
      if (!(await deps.documents.get(reportId))) await deps.documents.create({
        id: reportId, title: report.title, content: report.markdown, format: 'markdown',
        metadata: { kind: 'analytics_report', time_range: input.time_range, from: summary.from, to: summary.to },
      });
      ctx.log.info({ document_id: reportId, recipients: input.recipients.length }, 'analytics report stored and queued');
      return { document_id: reportId, title: report.title, notification_ids: sent.notifications.map((n) => n.notification.id) };
    },
  });
}
