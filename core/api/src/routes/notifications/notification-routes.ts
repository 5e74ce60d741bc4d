import type { Route } from '../../define-route.js';
import { listChannelsRoute, testChannelRoute } from './channel-routes.js';
import {
  deletePushSubscriptionRoute,
  inboxRoute,
  inboxUnreadCountRoute,
  listPushSubscriptionsRoute,
  markInboxAllReadRoute,
  markInboxReadRoute,
  savePushSubscriptionRoute,
  pushPublicKeyRoute,
} from './inbox-routes.js';
import { bulkSendNotificationRoute, getNotificationRoute, listNotificationsRoute, sendNotificationRoute } from './send-routes.js';
import {
  createTemplateRoute,
  deleteTemplateRoute,
  getTemplateRoute,
  listTemplatesRoute,
  listTemplateVersionsRoute,
  previewTemplateRoute,
  updateTemplateRoute,
} from './template-routes.js';

/** Sending, history, templates, the inbox, push subscriptions and channels. Literal paths before `{id}` ones. */
export const notificationRoutes: readonly Route[] = [
  sendNotificationRoute,
  bulkSendNotificationRoute,
  listNotificationsRoute,
  listTemplatesRoute,
  createTemplateRoute,
  previewTemplateRoute,
  getTemplateRoute,
  listTemplateVersionsRoute,
  updateTemplateRoute,
  deleteTemplateRoute,
  inboxRoute,
  inboxUnreadCountRoute,
  markInboxAllReadRoute,
  markInboxReadRoute,
  pushPublicKeyRoute,
  savePushSubscriptionRoute,
  listPushSubscriptionsRoute,
  deletePushSubscriptionRoute,
  listChannelsRoute,
  testChannelRoute,
  getNotificationRoute,
];
