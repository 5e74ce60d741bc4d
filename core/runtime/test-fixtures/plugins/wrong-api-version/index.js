import { definePlugin } from '@dwc/sdk';
export default definePlugin({ name: 'fixture-wrong-api', apiVersion: 2, description: '', setup() {} });
