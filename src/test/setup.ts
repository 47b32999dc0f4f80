// Vitest setup for the `unit` project (happy-dom): jest-dom matchers + React Testing Library cleanup.
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});
