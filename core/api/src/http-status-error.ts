import { DwcError, type DwcErrorOptions } from '@dwc/sdk';

/**
 * An error the HTTP layer itself raises with a fixed status (405, 413, 415, 426): conditions of
 * the protocol rather than of the product, so they have no class in `@dwc/sdk`.
 */
export class HttpStatusError extends DwcError {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, options: DwcErrorOptions & { headers?: Record<string, string> } = {}) {
    super(code, message, options);
    this.status = status;
    this.headers = options.headers ?? {};
  }
}
