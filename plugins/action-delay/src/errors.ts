import { defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `delay` action fails with (besides the SDK's `aborted`). */
export const delayErrors = defineErrorCatalogue('@dwc/plugin-action-delay', {
  delay_too_long: { status: 400, message: 'A delay step waits at most one hour (it holds a worker); use a wait.until step, which is durable and has no upper bound, for longer waits.', es: 'Un paso delay espera como mucho una hora (ocupa un worker); para esperas más largas usa un paso wait.until, que es duradero y no tiene límite.' },
});
