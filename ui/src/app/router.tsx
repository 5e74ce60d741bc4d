import { createBrowserRouter, Navigate } from 'react-router';
import { features } from './features';
import { Layout } from './layout';
import { NotFound } from './not-found';
import { RequireSession } from './require-session';

export function createRouter() {
  return createBrowserRouter([
    ...features.flatMap((feature) => feature.publicRoutes ?? []),
    {
      element: <RequireSession />,
      children: [
        {
          element: <Layout />,
          children: [{ index: true, element: <Navigate to="/workflows" replace /> }, ...features.flatMap((feature) => feature.routes ?? []), { path: '*', element: <NotFound /> }],
        },
      ],
    },
  ]);
}
