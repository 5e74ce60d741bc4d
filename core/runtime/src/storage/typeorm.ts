// typeorm is CommonJS with hundreds of re-exporting modules. Imported from an ES module, Node would
// parse each of them for their export names (cjs-module-lexer), about 150 ms of CPU at every start;
// required, it is only evaluated. Runtime code takes typeorm's values from here (types may still
// be imported from 'typeorm' with `import type`).
import { createRequire } from 'node:module';
import type * as TypeOrm from 'typeorm';

const typeorm = createRequire(import.meta.url)('typeorm') as typeof TypeOrm;

export const { DataSource, MigrationExecutor, EntitySchema } = typeorm;
export type DataSource = TypeOrm.DataSource;
export type MigrationExecutor = TypeOrm.MigrationExecutor;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- typeorm's own default
export type EntitySchema<T = any> = TypeOrm.EntitySchema<T>;
