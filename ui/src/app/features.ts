import { aiFeature } from '../features/ai';
import { approvalsFeature } from '../features/approvals';
import { automationsFeature } from '../features/automations';
import { dashboardFeature } from '../features/dashboard';
import { authFeature } from '../features/auth';
import { operationsFeature } from '../features/operations';
import type { Feature } from '../lib/feature';
import { documentsFeature } from '../features/documents';
import { notificationsFeature } from '../features/notifications';
import { runsFeature } from '../features/runs';
import { schedulesFeature } from '../features/schedules';
import { workflowsFeature } from '../features/workflows';

/** Every feature of the app, in navigation order. A new screen: add its folder, then one line here. */
export const features: readonly Feature[] = [authFeature, dashboardFeature, workflowsFeature, runsFeature, approvalsFeature, schedulesFeature, automationsFeature, documentsFeature, aiFeature, notificationsFeature, operationsFeature];
