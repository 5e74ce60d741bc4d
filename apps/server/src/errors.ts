import { defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `dwc` command line raises itself; the CLI prints the message and exits non-zero. */
export const serverErrors = defineErrorCatalogue('@dwc/server', {
  invalid_option: { status: 400, message: 'A command-line option has a value it does not accept; `dwc <command> --help` lists what it takes.', es: 'Una opción de la línea de órdenes tiene un valor que no acepta; `dwc <command> --help` lista lo que admite.' },
  secret_value_missing: { status: 400, message: 'No secret value on standard input; pipe it in: `printf %s "$VALUE" | dwc secrets set NAME`.', es: 'No llega ningún valor secreto por la entrada estándar; pásalo con una tubería: `printf %s "$VALUE" | dwc secrets set NAME`.' },
});
