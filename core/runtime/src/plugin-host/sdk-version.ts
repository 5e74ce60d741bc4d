import { createRequire } from 'node:module';

/** Version of the @dwc/sdk package this runtime runs with; plugins' `dwc.sdk` ranges are checked against it. */
export function sdkVersion(): string {
  return (createRequire(import.meta.url)('@dwc/sdk/package.json') as { version: string }).version;
}
