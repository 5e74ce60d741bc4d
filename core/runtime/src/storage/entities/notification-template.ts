import { EntitySchema } from '../typeorm.js';

/** One version of a stored notification template (`notification_templates`); a save adds a version, never edits one. */
export interface NotificationTemplateRow {
  id: string;
  version: number;
  name: string;
  channel: string;
  subject: string | null;
  body: string;
  html: string | null;
  variables: object | null;
  sampleData: object | null;
  createdBy: string | null;
  createdAt: Date;
}

export const notificationTemplateEntity = new EntitySchema<NotificationTemplateRow>({
  name: 'notification_template',
  tableName: 'notification_templates',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    version: { name: 'version', type: 'integer', primary: true },
    name: { name: 'name', type: 'varchar', length: 100 },
    channel: { name: 'channel', type: 'varchar', length: 100 },
    subject: { name: 'subject', type: 'text', nullable: true },
    body: { name: 'body', type: 'text' },
    html: { name: 'html', type: 'text', nullable: true },
    variables: { name: 'variables', type: 'jsonb', nullable: true },
    sampleData: { name: 'sample_data', type: 'jsonb', nullable: true },
    createdBy: { name: 'created_by', type: 'varchar', length: 100, nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
  indices: [{ name: 'idx_notification_templates_name', columns: ['name', 'channel', 'version'], unique: true }],
});
