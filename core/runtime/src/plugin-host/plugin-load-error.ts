import { DwcError } from '@dwc/sdk';

/** Why a plugin could not be loaded; the message is what users see in the log, health and UI. */
export class PluginLoadError extends DwcError {
  constructor(
    readonly plugin: string,
    code:
      | 'plugin_manifest_invalid'
      | 'plugin_sdk_mismatch'
      | 'plugin_api_version_mismatch'
      | 'plugin_import_failed'
      | 'plugin_export_invalid'
      | 'plugin_config_invalid'
      | 'plugin_setup_failed'
      | 'plugin_setup_timeout'
      | 'plugin_not_found',
    message: string,
    options: { details?: unknown; cause?: unknown } = {},
  ) {
    super(code, `Plugin ${plugin}: ${message}`, options);
  }
}
