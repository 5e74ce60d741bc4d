import { definePlugin } from '@dwc/sdk';
export default definePlugin({ name: 'fixture-slow', apiVersion: 1, description: '', setup: () => new Promise((resolve) => setTimeout(resolve, 5000).unref()) });
