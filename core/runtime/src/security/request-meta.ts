/** Where a request came from, for sessions and audit entries. */
export interface RequestMeta {
  ip?: string | null;
  userAgent?: string | null;
}
