// The web UI's service worker: shows the Web Push messages the server sends (the push channel's
// payload is {title, body, data}) and opens the notifications screen when one is clicked.
// Served from this origin as a file (the server's CSP allows no inline script).

self.addEventListener('push', (event) => {
  let payload = {};
  if (event.data) {
    try {
      payload = event.data.json();
    } catch {
      payload = { body: event.data.text() };
    }
  }
  const data = payload.data ?? {};
  event.waitUntil(
    self.registration.showNotification(payload.title || 'Document Workflow Chain', {
      body: payload.body ?? '',
      data,
      // A resend of the same notification replaces the one shown instead of adding another.
      tag: data.notification_id,
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL('/notifications', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url.startsWith(self.location.origin));
      if (open) return open.focus().then((client) => client.navigate(target));
      return self.clients.openWindow(target);
    }),
  );
});
