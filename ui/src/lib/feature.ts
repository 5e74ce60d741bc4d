import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Role } from './roles';

/** Messages of one namespace; Spanish must have every key English has (checked by a test). */
export type Messages = { [key: string]: string | Messages };

/** One screen or group of screens: its routes, its place in the navigation and its strings. */
export interface Feature {
  /** Also the i18n namespace of `messages`. */
  id: string;
  /** Routes inside the signed-in layout. */
  routes?: RouteObject[];
  /** Routes outside it (sign-in, setup). */
  publicRoutes?: RouteObject[];
  /** Navigation entries; `label` is a key of this feature's namespace. */
  nav?: { to: string; label: string; icon?: ComponentType; /** Hidden below this role. */ minRole?: Role }[];
  /** Small widgets in the signed-in header (e.g. the inbox's unread count). */
  header?: ComponentType[];
  messages: { en: Messages; es: Messages };
}
