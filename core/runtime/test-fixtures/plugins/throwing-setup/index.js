import { definePlugin } from '@dwc/sdk';
export default definePlugin({ name: 'fixture-throwing', apiVersion: 1, description: '', setup() { throw new Error('cannot reach the license server'); } });
