import { defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `http.request` action fails with (besides the SDK's `aborted` and `private_network_denied`). */
export const httpErrors = defineErrorCatalogue('@dwc/plugin-action-http', {
  host_not_allowed: { status: 400, message: 'The host is not in the plugin\'s allowed_hosts; add it there or call another host.', es: 'El host no está en allowed_hosts del plugin; añádelo ahí o llama a otro host.' },
  invalid_header: { status: 400, message: 'A header has an invalid name or value; remove line breaks and control characters.', es: 'Una cabecera tiene un nombre o valor no válido; quita los saltos de línea y los caracteres de control.' },
  body_not_allowed: { status: 400, message: 'GET and HEAD requests cannot carry a body; send the values in "query" or use POST.', es: 'Las peticiones GET y HEAD no pueden llevar cuerpo; envía los valores en "query" o usa POST.' },
  invalid_body: { status: 400, message: '"body" cannot be sent as JSON; make it plain JSON data.', es: '"body" no se puede enviar como JSON; hazlo datos JSON simples.' },
  http_connection_failed: { status: 502, message: 'The request could not reach the host (refused, reset or name not found); check the URL and that the service is up.', es: 'La petición no pudo llegar al host (rechazada, cortada o nombre no encontrado); revisa la URL y que el servicio funciona.' },
  http_timeout: { status: 504, message: 'The host did not answer within timeout_ms; raise it or check the service.', es: 'El host no respondió dentro de timeout_ms; súbelo o revisa el servicio.' },
  http_status: { status: 502, message: 'The host answered with an error status; set fail_on_status to false to handle the status in the workflow.', es: 'El host respondió con un estado de error; pon fail_on_status en false para tratar el estado en el flujo.' },
  http_bad_redirect: { status: 502, message: 'The host redirected too often, to an unsupported scheme, or to a host the policy refuses.', es: 'El host redirigió demasiadas veces, a un esquema no admitido o a un host que la política rechaza.' },
  http_response_too_large: { status: 502, message: 'The response is larger than max_response_bytes; raise the limit or ask for less.', es: 'La respuesta es mayor que max_response_bytes; sube el límite o pide menos.' },
  http_invalid_json: { status: 502, message: 'The response was not valid JSON though JSON was expected; set response_type to "text" to read it as is.', es: 'La respuesta no era JSON válido aunque se esperaba JSON; pon response_type en "text" para leerla tal cual.' },
});
