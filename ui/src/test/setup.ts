import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { commonMessages } from '../app/common-messages';
import { features } from '../app/features';
import { setupI18n } from '../lib/i18n';

setupI18n(features, commonMessages, 'en');
afterEach(() => cleanup());
