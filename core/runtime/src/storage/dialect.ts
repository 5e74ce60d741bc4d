/** The two databases dwc runs on: SQLite for the desktop and the embedded default, Postgres for teams. */
export type Dialect = 'sqlite' | 'postgres';
