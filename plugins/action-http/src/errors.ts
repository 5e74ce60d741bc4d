import { defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `http.request` action fails with (besides the SDK's `aborted` and `private_network_denied`). */
export const httpErrors = defineErrorCatalogue('@dwc/plugin-action-http', {
  host_not_allowed: { status: 400, message: 'The host is not in the plugin\'s allowed_hosts; add it there or call another host.' },
  invalid_header: { status: 400, message: 'A header has an invalid name or value; remove line breaks and control characters.' },
  body_not_allowed: { status: 400, message: 'GET and HEAD requests cannot carry a body; send the values in "query" or use POST.' },
  invalid_body: { status: 400, message: '"body" cannot be sent as JSON; make it plain JSON data.' },
  http_connection_failed: { status: 502, message: 'The request could not reach the host (refused, reset or name not found); check the URL and that the service is up.' },
  http_timeout: { status: 504, message: 'The host did not answer within timeout_ms; raise it or check the service.' },
  http_status: { status: 502, message: 'The host answered with an error status; set fail_on_status to false to handle the status in the workflow.' },
  http_bad_redirect: { status: 502, message: 'The host redirected too often, to an unsupported scheme, or to a host the policy refuses.' },
  http_response_too_large: { status: 502, message: 'The response is larger than max_response_bytes; raise the limit or ask for less.' },
  http_invalid_json: { status: 502, message: 'The response was not valid JSON though JSON was expected; set response_type to "text" to read it as is.' },
});
